/**
 * The runs whose results files the golden test pins (goldenOutputs.test.ts): every shipped
 * scenario with its own seed, as the scenario tests run them (one path, invariants checked every
 * step), and the test fixtures with the overrides the agent and shock tests use, so that the
 * Dutch auction, vault owners, exploits of both protocol kinds, oracle manipulation and borrowers'
 * repayments are covered too. Not a test file itself: a throwaway script can import it to record
 * hashes anew.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../src/scenario/load.js';
import { runPath } from '../../src/sim/run.js';
import { writeRunResults } from '../../src/report/writeResults.js';
import { startState, type StartState } from '../../src/report/startState.js';
import { createAgent } from '../../agents/index.js';
import { withPolicyAgents } from '../../src/rl/agents/factory.js';

export interface GoldenRun {
  name: string;
  file: string;
  overrides: string[];
}

/** The results files compared byte for byte; manifest.json is left out (wall time, versions, commit). */
export const GOLDEN_FILES = ['summary.json', 'timeseries.csv', 'events.jsonl'] as const;

const AUCTION = 'test/fixtures/scenarios/blockspace-auction.yaml';
const SMALL = 'test/fixtures/scenarios/small.yaml';
const free = 'chain.congestion.enabled=false';
const owners = (action: string) => `agents=[{id: owners, kind: vault-owners, cdp: maker, share: 1, alertRatio: 1.75, targetRatio: 2.5, latency: 5m, action: ${action}}]`;
const ownersBase = [free, 'assets[0].price.keypoints[2].price=80', 'shocks=[]'];

export const GOLDEN_RUNS: GoldenRun[] = [
  ...readdirSync('scenarios')
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: f, file: `scenarios/${f}`, overrides: [] })),
  ...readdirSync('test/fixtures/scenarios')
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: `fixture ${f}`, file: `test/fixtures/scenarios/${f}`, overrides: [] })),
  {
    name: 'fixture blockspace-auction.yaml, Dutch auction',
    file: AUCTION,
    overrides: [free, 'protocols.maker.ilks[0].auction={kind: dutch, buf: 1.2, tail: 1h, cusp: 0.5, curve: {kind: stairstep, step: 90, cut: 0.99}}'],
  },
  { name: 'fixture blockspace-auction.yaml, vault owners top up', file: AUCTION, overrides: [...ownersBase, owners('top-up')] },
  { name: 'fixture blockspace-auction.yaml, vault owners repay', file: AUCTION, overrides: [...ownersBase, owners('repay')] },
  {
    name: 'fixture small.yaml, crash, lending exploit, oracle manipulation, repaying borrowers',
    file: SMALL,
    overrides: [
      'agents.attentive-borrowers.action=repay',
      'shocks=[{kind: crash, asset: ETH, magnitude: 0.35, start: 30m, duration: 1h}, {kind: exploit, protocol: lender, share: 0.4, start: 40m, asset: USDC}, {kind: oracle-manipulation, oracle: eth-usd, venue: eth-usdc-pool, start: 50m, duration: 10m, factor: 0.8}]',
    ],
  },
];

/** SHA-256 (hex) of each golden file of one run, written by the results writer into a temporary folder. */
export function goldenHashes(run: GoldenRun): Record<string, string> {
  const loaded = loadScenario(run.file, run.overrides);
  let start: StartState | undefined;
  const result = runPath(loaded, { createAgent: withPolicyAgents(createAgent, loaded), checkInvariants: true }, undefined, (w) => (start = startState(w)));
  const tmp = mkdtempSync(join(tmpdir(), 'aftershock-golden-'));
  try {
    const dir = join(tmp, 'out');
    writeRunResults(dir, loaded, result, ['golden'], 0, start!);
    const out: Record<string, string> = {};
    for (const f of GOLDEN_FILES)
      out[f] = createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex');
    return out;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
