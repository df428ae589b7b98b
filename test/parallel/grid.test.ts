import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitValues, parseGridFlag, resolveGrid, gridCells } from '../../src/parallel/grid.js';
import { cliInProcess } from '../cli/spawnCli.js';
import { parseFaults, faultFor } from '../../src/parallel/faults.js';

const FIXTURE = 'test/fixtures/scenarios/paths-small.yaml';

test('values split at top-level commas only', () => {
  assert.equal(splitValues('0.75,0.8, 0.85'), ['0.75', '0.8', '0.85']);
  assert.equal(splitValues('[1,2],[3,4]'), ['[1,2]', '[3,4]']);
  assert.equal(splitValues('{ distribution: uniform, min: 0.1, max: 0.2 },0.3'), ['{ distribution: uniform, min: 0.1, max: 0.2 }', '0.3']);
  assert.equal(splitValues('"a,b",c'), ['"a,b"', 'c']);
  assert.throws(() => parseGridFlag('noequals'), /path\.to\.field=/);
  assert.throws(() => parseGridFlag('a=1,,2'), /empty value/);
  assert.throws(() => parseGridFlag('a=1,1'), /twice/);
});

test('the Cartesian product has the first axis slowest, and its overrides in axis order', () => {
  const cells = gridCells([
    { label: 'a', paths: ['x.a'], values: ['1', '2'], parts: [['1'], ['2']] },
    { label: 'b', paths: ['b'], values: ['p', 'q', 'r'], parts: [['p'], ['q'], ['r']] },
  ]);
  assert.is(cells.length, 6);
  assert.equal(
    cells.map((c) => c.index),
    [0, 1, 2, 3, 4, 5],
  );
  assert.equal(cells[0].overrides, ['x.a=1', 'b=p']);
  assert.equal(cells[2].values, { a: '1', b: 'r' });
  assert.equal(cells[3].overrides, ['x.a=2', 'b=p']);
});

test('grid paths: index form, id form, the one-protocol shorthand; missing and ambiguous paths are bad input', () => {
  const axes = resolveGrid(FIXTURE, ['reserves.ETH.liquidationThreshold=0.8,0.85', 'shocks[0].magnitude=0.3,0.5', 'protocols.lender.closeFactor=0.5']);
  assert.equal(
    axes.map((a) => a.paths),
    [['protocols.lender.reserves.ETH.liquidationThreshold'], ['shocks[0].magnitude'], ['protocols.lender.closeFactor']],
  );
  assert.is(axes[0].label, 'reserves.ETH.liquidationThreshold');
  assert.throws(() => resolveGrid(FIXTURE, ['reserves.XYZ.liquidationThreshold=0.8']), /no such field/);
  assert.throws(() => resolveGrid(FIXTURE, ['shocks[3].magnitude=0.8']), /no such field/);
  assert.throws(() => resolveGrid(FIXTURE, []), /at least one --grid/);
  const dir = mkdtempSync(join(tmpdir(), 'aftershock-grid-'));
  const two = join(dir, 'two.yaml');
  writeFileSync(two, 'name: two\nassets: [{ id: A, price: { process: constant, price: 1 } }]\nprotocols:\n  - { id: p1, reserves: [] }\n  - { id: p2, reserves: [] }\n');
  assert.throws(() => resolveGrid(two, ['reserves.A.ltv=0.5']), /ambiguous: 2 protocols/);
  rmSync(dir, { recursive: true, force: true });
});

test('linked values: one axis sets several fields together, value by value', () => {
  const [axis] = resolveGrid(FIXTURE, ['reserves.ETH.{ltv,liquidationThreshold}=0.7/0.75, 0.75/0.8']);
  assert.is(axis.label, 'reserves.ETH.{ltv,liquidationThreshold}');
  assert.equal(axis.paths, ['protocols.lender.reserves.ETH.ltv', 'protocols.lender.reserves.ETH.liquidationThreshold']);
  const cells = gridCells([axis, ...resolveGrid(FIXTURE, ['shocks[0].magnitude=0.3,0.5'])]);
  assert.is(cells.length, 4);
  assert.equal(cells[1].overrides, ['protocols.lender.reserves.ETH.ltv=0.7', 'protocols.lender.reserves.ETH.liquidationThreshold=0.75', 'shocks[0].magnitude=0.5']);
  assert.equal(cells[2].values, { 'reserves.ETH.{ltv,liquidationThreshold}': '0.75/0.8', 'shocks[0].magnitude': '0.3' });
  assert.throws(() => parseGridFlag('reserves.ETH.{ltv,liquidationThreshold}=0.7/0.75,0.8'), /links 2 fields, so each value needs 2 parts separated by '\/', got "0\.8"/);
  assert.throws(() => parseGridFlag('reserves.ETH.{ltv}=0.7'), /two or more different field names/);
  assert.throws(() => parseGridFlag('reserves.{ETH,WBTC}.{ltv,liquidationThreshold}=1/2'), /one group of linked fields/);
  assert.throws(() => resolveGrid(FIXTURE, ['reserves.ETH.{ltv,liquidationThreshold}=0.7/0.75', 'reserves.ETH.ltv=0.6']), /protocols\.lender\.reserves\.ETH\.ltv is swept twice/);
  assert.throws(() => resolveGrid(FIXTURE, ['reserves.ETX.{ltv,liquidationThreshold}=0.7/0.75']), /no such field/);
});

test("sweep: a threshold below the file's LTV is reachable only with the LTV linked to it", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aftershock-grid-'));
  const alone = await cliInProcess(['sweep', FIXTURE, '--grid', 'reserves.ETH.liquidationThreshold=0.75', '--paths', '2', '--workers', '1', '--out', join(dir, 'alone'), '--quiet']);
  assert.is(alone.code, 2, "the file's LTV 0.80 is above a 0.75 threshold");
  const linked = await cliInProcess([
    'sweep',
    FIXTURE,
    '--grid',
    'reserves.ETH.{ltv,liquidationThreshold}=0.7/0.75,0.75/0.8',
    '--paths',
    '2',
    '--workers',
    '1',
    '--out',
    join(dir, 'linked'),
    '--quiet',
    '--json',
  ]);
  assert.is(linked.code, 0, linked.stderr);
  const csv = readFileSync(join(dir, 'linked', 'sweep.csv'), 'utf8')
    .trim()
    .split('\n');
  assert.is(csv.length, 3);
  assert.match(csv[0], /^cell,"?reserves\.ETH\.\{ltv,liquidationThreshold\}"?,/);
  assert.match(csv[1], /^0,0\.7\/0\.75,/);
  assert.match(csv[2], /^1,0\.75\/0\.8,/);
  rmSync(dir, { recursive: true, force: true });
});

test('fault injection specs', () => {
  const f = parseFaults('3:crash, 1/5:throw:always,7:throw:2');
  assert.equal(faultFor(f, 0, 3, 1)?.kind, 'crash');
  assert.is(faultFor(f, 0, 3, 2), undefined, 'crash only on the first attempt by default');
  assert.is(faultFor(f, 0, 5, 1), undefined, 'cell 1 only');
  assert.equal(faultFor(f, 1, 5, 99)?.kind, 'throw');
  assert.ok(faultFor(f, 0, 7, 2));
  assert.is(faultFor(f, 0, 7, 3), undefined);
  assert.equal(parseFaults(undefined), []);
  assert.throws(() => parseFaults('x:crash'), /AFTERSHOCK_FAULT_PATHS/);
});

test.run();
