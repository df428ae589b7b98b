/**
 * A run with cross-margined accounts (test/fixtures/scenarios/small-accounts.yaml: 300 drawn
 * 3-asset accounts, a 3-account snapshot, single-asset positions beside them) with the invariants
 * checked at every step (books = Σ positions and accounts, ledger = collateral + cash, the
 * accounts' index = a full scan of their health factors). Each account liquidation's event names
 * its pair and amounts, and its profit is what the liquidator received less what it repaid (at
 * reference prices: checked from the event's own fields); on the snapshot's DAI/USDC account,
 * which is liquidatable from the start, the two-step strategy repays more than the one-step close
 * factor (Qin et al.: 50 % of 140,000 DAI = 70,000 in one call).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runScenario } from '../../src/library/runScenario.js';

const FILE = 'test/fixtures/scenarios/small-accounts.yaml';

type Ev = Record<string, unknown> & { type: string };

test('accounts are liquidated with the invariants holding at every step; events carry pair, amounts and profit', async () => {
  const run = await runScenario(FILE, { checkInvariants: true });
  assert.is(run.kind, 'path');
  if (run.kind !== 'path') return;
  const events = run.events as unknown as Ev[];
  const liquidations = events.filter((e) => e.type === 'account-liquidation');
  assert.ok(liquidations.length > 20, `${liquidations.length} account liquidations`);
  assert.ok(
    events.some((e) => e.type === 'liquidation'),
    'single-asset positions are liquidated beside them',
  );
  const pairs = new Set(liquidations.map((e) => `${e.debtAsset}/${e.collateralAsset}`));
  assert.ok(pairs.size >= 3, [...pairs].join(', '));
  for (const e of liquidations) {
    assert.ok((e.healthFactor as number) < 1);
    assert.ok((e.debtRepaid as number) > 0 && (e.collateralSeized as number) > 0);
    // USDC and DAI are constant at $1 in this world, and every debt here is one of them: the profit is
    // the proceeds of the sale less the repayment, or, when a stablecoin is seized and kept, the
    // tokens seized less those repaid
    const stable = (asset: unknown) => asset === 'USDC' || asset === 'DAI';
    assert.ok(stable(e.debtAsset));
    const profit = e.profitUsd as number;
    if (e.soldOn !== null) assert.ok(Math.abs(profit - ((e.proceeds as number) - (e.debtRepaid as number))) < 1e-6);
    else if (stable(e.collateralAsset)) assert.ok(Math.abs(profit - ((e.collateralSeized as number) - (e.debtRepaid as number))) < 1e-6);
  }
  // the DAI/USDC account at HF 0.988: one call repays half its DAI, 70,000, for 73,500 DAI (bonus 5 %)
  const first = liquidations.find((e) => e.account === '0xdai-usdc')!;
  assert.equal([first.debtAsset, first.collateralAsset, first.debtRepaid, first.collateralSeized, first.profitUsd], ['DAI', 'DAI', 70000, 73500, 3500]);
  assert.is(run.summary.liquidations, events.filter((e) => e.type === 'liquidation' || e.type === 'account-liquidation').length);
});

test('the two-step strategy repays more of the DAI/USDC account than one call', async () => {
  const run = await runScenario(FILE, { checkInvariants: true, overrides: ['agents[1].latency=0', 'agents[1].gasBid={kind: multiple, factor: 3}'] });
  if (run.kind !== 'path') throw new Error('one path');
  const parts = (run.events as unknown as Ev[]).filter((e) => e.type === 'account-liquidation' && e.account === '0xdai-usdc' && e.step === 0);
  assert.equal(
    parts.map((e) => [e.agent, e.part]),
    [
      ['two-step-liquidator', 1],
      ['two-step-liquidator', 2],
    ],
  );
  const repaid = parts.reduce((s, e) => s + (e.debtRepaid as number), 0);
  assert.ok(repaid > 70000, `two steps repaid ${repaid}`);
  // the first call leaves the account just under HF 1 (the second call's health factor)
  assert.ok(Math.abs((parts[1].healthFactor as number) - (1 - 1e-6)) < 1e-9);
});

test.run();
