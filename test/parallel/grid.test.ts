import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitValues, parseGridFlag, resolveGrid, gridCells } from '../../src/parallel/grid.js';
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
    { label: 'a', path: 'x.a', values: ['1', '2'] },
    { label: 'b', path: 'b', values: ['p', 'q', 'r'] },
  ]);
  assert.is(cells.length, 6);
  assert.equal(cells.map((c) => c.index), [0, 1, 2, 3, 4, 5]);
  assert.equal(cells[0].overrides, ['x.a=1', 'b=p']);
  assert.equal(cells[2].values, { a: '1', b: 'r' });
  assert.equal(cells[3].overrides, ['x.a=2', 'b=p']);
});

test('grid paths: index form, id form, the one-protocol shorthand; missing and ambiguous paths are bad input', () => {
  const axes = resolveGrid(FIXTURE, ['reserves.ETH.liquidationThreshold=0.8,0.85', 'shocks[0].magnitude=0.3,0.5', 'protocols.lender.closeFactor=0.5']);
  assert.equal(
    axes.map((a) => a.path),
    ['protocols.lender.reserves.ETH.liquidationThreshold', 'shocks[0].magnitude', 'protocols.lender.closeFactor'],
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
