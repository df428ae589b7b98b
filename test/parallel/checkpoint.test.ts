import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checkpoint, checkpointPath, runDigest, type RunIdentity } from '../../src/parallel/checkpoint.js';
import type { PathRecord } from '../../src/parallel/pathRecord.js';
import { InputError } from '../../src/util/errors.js';

const identity: RunIdentity = { kind: 'run', cells: ['abc'], seed: 5, paths: 10 };

function record(path: number): PathRecord {
  return {
    path,
    pathSeed: 1000 + path,
    liquidatedValue: path * 1.5,
    liquidations: path,
    badDebt: path % 2 ? 0.25 : 0,
    amplification: path === 3 ? null : 1 + path / 10,
    timeToFirstBadDebt: path % 2 ? 60 * path : null,
    peakLiquidatableDebt: 2 * path,
    maxOracleDeviation: 0.01,
    shocks: [0.4],
    protocols: { lender: { liquidatedValue: path * 1.5, liquidations: path, badDebt: 0, peakLiquidatableDebt: 0, timeToFirstBadDebt: null, amplification: 1 } },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'aftershock-ckpt-'));

test('the checkpoint sits beside the results folder, hidden', () => {
  assert.is(checkpointPath('/a/results/demo-s1-p10'), '/a/results/.demo-s1-p10.checkpoint.jsonl');
});

test('appended paths are read back on resume; a fresh start forgets them', () => {
  const file = join(dir, 'a.jsonl');
  const c = Checkpoint.open(file, identity, false);
  c.append([
    { cell: 0, record: record(0) },
    { cell: 0, record: record(3) },
  ]);
  c.append([{ cell: 0, record: record(7) }]);
  c.close();
  const r = Checkpoint.open(file, identity, true);
  assert.equal([...r.done.keys()].sort(), ['0:0', '0:3', '0:7']);
  assert.equal(r.done.get('0:3')!.record, record(3));
  r.close();
  const fresh = Checkpoint.open(file, identity, false);
  assert.is(fresh.done.size, 0);
  fresh.close();
  assert.is(readFileSync(file, 'utf8').split('\n').filter(Boolean).length, 1, 'only the header is left');
});

test('a torn last line is dropped and cut off before new appends; duplicates count once', () => {
  const file = join(dir, 'b.jsonl');
  const c = Checkpoint.open(file, identity, false);
  c.append([
    { cell: 0, record: record(1) },
    { cell: 0, record: record(2) },
    { cell: 0, record: record(1) },
  ]);
  c.close();
  const whole = statSync(file).size;
  appendFileSync(file, JSON.stringify({ cell: 0, record: record(4) }).slice(0, 37)); // killed mid-write
  const r = Checkpoint.open(file, identity, true);
  assert.equal([...r.done.keys()].sort(), ['0:1', '0:2']);
  assert.is(statSync(file).size, whole, 'the torn bytes are gone');
  r.append([{ cell: 0, record: record(4) }]);
  r.close();
  const again = Checkpoint.open(file, identity, true);
  assert.equal([...again.done.keys()].sort(), ['0:1', '0:2', '0:4']);
  again.close();
  // a complete-looking last line that does not parse (torn exactly before its newline was written)
  truncateSync(file, statSync(file).size - 5);
  appendFileSync(file, '\n');
  const cut = Checkpoint.open(file, identity, true);
  assert.equal([...cut.done.keys()].sort(), ['0:1', '0:2']);
  cut.close();
});

test('resuming another run, or a corrupt middle line, is bad input', () => {
  const file = join(dir, 'c.jsonl');
  Checkpoint.open(file, identity, false).close();
  assert.throws(
    () => Checkpoint.open(file, { ...identity, seed: 6 }, true),
    (e: unknown) => e instanceof InputError && /another run/.test((e as Error).message),
  );
  assert.throws(() => Checkpoint.open(file, { ...identity, cells: ['xyz'] }, true), /another run/);
  appendFileSync(file, 'garbage\n');
  appendFileSync(file, `${JSON.stringify({ cell: 0, record: record(1) })}\n`);
  assert.throws(() => Checkpoint.open(file, identity, true), /corrupt checkpoint line 2/);
  const out = join(dir, 'd.jsonl');
  const c = Checkpoint.open(out, identity, false);
  c.append([{ cell: 0, record: record(12) }]); // path 12 of a 10-path run
  c.close();
  assert.throws(() => Checkpoint.open(out, identity, true), /not a path record/);
});

test('a CDP record with contagion figures reads back equal; a CDP entry missing some of its figures is not a path record', () => {
  const file = join(dir, 'e.jsonl');
  const cdp: PathRecord = {
    ...record(2),
    protocols: {
      ...record(2).protocols,
      maker: {
        ...record(2).protocols.lender,
        deficit: 1234.5,
        auctions: { count: 7, zeroBidWins: 3, collateralSoldAtZero: 0.1 + 0.2 },
        governanceMinted: 5.25,
      },
    },
    contagion: { systemicLoss: 0.6 },
  };
  const c = Checkpoint.open(file, identity, false);
  c.append([{ cell: 0, record: cdp }]);
  c.close();
  const r = Checkpoint.open(file, identity, true);
  assert.equal(r.done.get('0:2')!.record, cdp);
  r.close();
  const partial = { ...cdp, protocols: { maker: { ...cdp.protocols.maker, governanceMinted: undefined } } };
  appendFileSync(file, `${JSON.stringify({ run: runDigest(identity), cell: 0, record: partial })}\n`);
  assert.throws(() => Checkpoint.open(file, identity, true), /line 3 is not a path record/);
});

test('a record of another run inside the checkpoint is refused on resume, not merged (two runs that once shared a folder)', () => {
  const file = join(dir, 'g.jsonl');
  const c = Checkpoint.open(file, identity, false);
  c.append([{ cell: 0, record: record(1) }]);
  c.close();
  const other = { ...identity, seed: 6 };
  assert.is.not(runDigest(other), runDigest(identity));
  appendFileSync(file, `${JSON.stringify({ run: runDigest(other), cell: 0, record: record(2) })}\n`);
  assert.throws(
    () => Checkpoint.open(file, identity, true),
    (e: unknown) => e instanceof InputError && /line 3 was written by another run/.test((e as Error).message),
  );
  // a record with no digest at all (format 2 lines appended by an older version) is refused too
  const bare = join(dir, 'h.jsonl');
  Checkpoint.open(bare, identity, false).close();
  appendFileSync(bare, `${JSON.stringify({ cell: 0, record: record(2) })}\n`);
  assert.throws(() => Checkpoint.open(bare, identity, true), /line 2 was written by another run/);
});

test('a checkpoint of the earlier record format is refused with a message, not read', () => {
  const file = join(dir, 'f.jsonl');
  appendFileSync(file, `${JSON.stringify({ aftershockCheckpoint: 1, run: identity })}\n${JSON.stringify({ cell: 0, record: record(1) })}\n`);
  assert.throws(
    () => Checkpoint.open(file, identity, true),
    (e: unknown) => e instanceof InputError && /written by another Aftershock version \(format 1/.test((e as Error).message),
  );
});

test('a file at the checkpoint path that is not a checkpoint is refused, never truncated', () => {
  const file = join(dir, 'user.jsonl');
  writeFileSync(file, '{"mine": true}\n');
  assert.throws(
    () => Checkpoint.open(file, identity, false),
    (e: unknown) => e instanceof InputError && /not an Aftershock checkpoint; it will not be replaced/.test((e as Error).message),
  );
  assert.is(readFileSync(file, 'utf8'), '{"mine": true}\n');
  // one of ours (any format) is started afresh
  const ours = join(dir, 'ours.jsonl');
  Checkpoint.open(ours, identity, false).close();
  Checkpoint.open(ours, { ...identity, seed: 9 }, false).close();
  assert.match(readFileSync(ours, 'utf8'), /"seed":9/);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
