/**
 * Contagion measured in a run (src/sim/contagion.ts), on a two-protocol world worked by hand
 * (test/fixtures/scenarios/contagion-pair.yaml): an exploit takes 70 % of the CDP system's only
 * vault's collateral, leaving 3,000 USD of it against 5,000 DAI of debt, while the lending market
 * holds 2,000 DAI as collateral.
 *
 * By hand, after the exploit:
 *  - CDP system: assets min(5,000, 3,000) = 3,000; liabilities = DAI outside it = 5,000 − 1,000
 *    of surplus = 4,000; equity −1,000 against 1,000 at the start: distress h = 1.
 *  - lending market: its loan is fully collateralised, so its equity stays its 4,000 of capital
 *    (h = 0 before propagation); it holds 2,000 DAI, so the impact of the CDP system on it is
 *    W = min(1, 2,000 / 4,000) = 0.5 (Battiston et al. 2012) and DebtRank gives it h = 0.5.
 *  - relative values by initial equity: 1,000 / 5,000 = 0.2 and 0.8: systemic loss
 *    0.2 × 1 + 0.8 × 0.5 = 0.6, of which 0.4 added by propagation; 1,000 + 2,000 = 3,000 USD.
 *  - Eisenberg–Noe with an outside sink: the CDP system owes 2,000 to the market and 2,000 outside,
 *    and has 3,000: it pays 3,000 (pro rata 1,500 each) and defaults, short by 1,000; the market
 *    still pays its lenders in full.
 * Before the exploit everything is 0; with a 0 % exploit nothing happens at all.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../../src/scenario/load.js';
import { runPath } from '../../src/sim/run.js';
import { summarise } from '../../src/report/summary.js';
import { createAgent } from '../../agents/index.js';

const FIXTURE = 'test/fixtures/scenarios/contagion-pair.yaml';
const close = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

test("DebtRank and Eisenberg–Noe over the protocols' exposures match the hand-worked figures", () => {
  const loaded = loadScenario(FIXTURE);
  const r = runPath(loaded, { createAgent, checkInvariants: true });
  const s = summarise(loaded, r);
  const c = s.contagion!;
  assert.is(c.worstStep, 1, 'the exploit step');
  assert.is(c.time, 60);
  assert.ok(close(c.systemicLoss, 0.6), `systemic loss ${c.systemicLoss}`);
  assert.ok(close(c.debtRank, 0.4), `DebtRank ${c.debtRank}`);
  assert.ok(close(c.systemicLossUsd, 3000), `${c.systemicLossUsd}`);
  assert.is(c.defaults, 1);
  assert.ok(close(c.clearingShortfall, 1000), `${c.clearingShortfall}`);
  const loss = r.world.metrics.series('contagion.systemicLoss');
  assert.is(loss[0], 0);
  // the exploit itself, a transfer to the exploiter
  const ex = r.world.events.find((e) => e.type === 'exploit')!;
  assert.ok(close(ex.amount as number, 70) && ex.asset === 'ETH');
  assert.ok(close(r.world.ledger.balance(r.world.exploiterAccount, 0), 70));
});

test('a 0 % exploit leaves every measure at zero', () => {
  const loaded = loadScenario(FIXTURE, ['shocks[0].share=0']);
  const s = summarise(loaded, runPath(loaded, { createAgent }));
  assert.equal([s.contagion!.systemicLoss, s.contagion!.debtRank, s.contagion!.defaults, s.contagion!.clearingShortfall], [0, 0, 0, 0]);
});

test.run();
