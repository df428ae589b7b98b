/**
 * Settling a liquidation call on a cross-margined account, and the sale of what it seized in the
 * same bundle, as flash-loan liquidators do. Each call is an `account-liquidation` event with its
 * pair (the debt asset repaid, the collateral asset seized), its amounts, the health factor it
 * found, and the liquidator's gross profit at reference prices (what the seized collateral sold
 * for, or is worth when kept, less the debt repaid; gas is the chain's and not in it). With Qin et
 * al.'s two-step strategy the bundle holds two calls, each its own event (`part` 1 and 2).
 */
import type { LendingMarket } from '../lendingMarket.js';
import type { TxContext } from '../context.js';
import type { AccountLiquidationTx } from '../transactions.js';

export function settleAccountLiquidation(m: LendingMarket, tx: AccountLiquidationTx, ctx: TxContext): void {
  const accounts = m.accounts;
  const recording = ctx.recording !== false;
  if (!accounts || !(tx.account >= 0 && tx.account < accounts.book.count) || !m.reserves[tx.debtReserve] || !m.reserves[tx.collateralReserve]) {
    // the agent named something the market does not have: its bug, shown as a failed call
    if (recording) ctx.record('liquidation-failed', { protocol: m.id, account: tx.account, agent: ctx.agent });
    return;
  }
  if (!tx.twoStep) {
    settleCall(m, tx, tx.debtToCover, 0, ctx);
    return;
  }
  const first = accounts.rules.firstStepRepay(accounts.book, tx.account, tx.debtReserve, tx.collateralReserve);
  const repaid = first > 0 ? settleCall(m, tx, Math.min(first, tx.debtToCover), 1, ctx) : 0;
  if (tx.debtToCover - repaid > 0) settleCall(m, tx, tx.debtToCover - repaid, first > 0 ? 2 : 0, ctx);
}

/** One call of the bundle; returns the debt tokens it repaid. */
function settleCall(m: LendingMarket, tx: AccountLiquidationTx, requested: number, part: number, ctx: TxContext): number {
  const accounts = m.accounts!;
  const debtAsset = m.reserves[tx.debtReserve].asset;
  const collateralAsset = m.reserves[tx.collateralReserve].asset;
  const r = accounts.liquidate(tx.account, tx.debtReserve, tx.collateralReserve, requested, ctx.account, ctx.ledger);
  const recording = ctx.recording !== false;
  const name = accounts.book.name(tx.account);
  if (!(r.debtRepaid > 0)) {
    if (recording) ctx.record('liquidation-failed', { protocol: m.id, account: name, agent: ctx.agent, reason: r.status });
    return 0;
  }
  const seized = r.liquidatorCollateral;
  const valueUsd = r.collateralSeized * ctx.reference[collateralAsset];
  const t = m.totals;
  t.liquidatedUsd += valueUsd;
  t.debtRepaidUsd += r.debtRepaid * ctx.reference[debtAsset];
  t.stepLiquidatedUsd += valueUsd;
  t.stepLiquidations++;
  // the same asset on both sides (a DAI borrower's DAI seized) needs no sale
  const sells = tx.sellVia >= 0 && collateralAsset !== debtAsset;
  const proceeds = sells ? ctx.sellSeized(tx.sellVia, collateralAsset, debtAsset, seized) : 0;
  const receivedUsd = sells ? proceeds * ctx.reference[debtAsset] : seized * ctx.reference[collateralAsset];
  if (recording) {
    const fields: Record<string, unknown> = {
      protocol: m.id,
      account: name,
      agent: ctx.agent,
      debtAsset: m.reserves[tx.debtReserve].assetId,
      collateralAsset: m.reserves[tx.collateralReserve].assetId,
      healthFactor: r.healthFactor,
      debtRepaid: r.debtRepaid,
      collateralSeized: seized,
      protocolFee: r.protocolFee,
      valueUsd,
      soldOn: sells ? ctx.venueId(tx.sellVia) : null,
      proceeds,
      profitUsd: receivedUsd - r.debtRepaid * ctx.reference[debtAsset],
    };
    if (part > 0) fields.part = part;
    ctx.record('account-liquidation', fields);
  }
  if (r.badDebtUsd > 0) {
    if (t.firstBadDebtStep < 0) t.firstBadDebtStep = ctx.step;
    if (recording) ctx.record('bad-debt', { protocol: m.id, account: name, usd: r.badDebtUsd });
  }
  return r.debtRepaid;
}
