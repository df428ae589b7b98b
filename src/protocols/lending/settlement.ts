/**
 * Applying agents' transactions to a lending market at their block's time (the simulator has
 * already charged the gas): a liquidation call and the sale of what it seized, bundled as
 * flash-loan liquidators do; a borrower's top-up or repayment. What happened goes to the event log.
 */
import type { LendingMarket } from './lendingMarket.js';
import type { LendingTransaction, LiquidationTx } from './transactions.js';
import type { TxContext } from './context.js';

export function applyLendingTx(m: LendingMarket, tx: LendingTransaction, ctx: TxContext): void {
  switch (tx.kind) {
    case 'liquidation':
      settleLiquidation(m, tx, ctx);
      return;
    case 'top-up':
      m.topUp(m.slotOf(tx.position), tx.amount, ctx.ledger);
      return;
    case 'repay':
      m.repay(m.slotOf(tx.position), tx.amount, ctx.ledger);
      return;
    default:
      // the world routes by protocol index: another kind's transaction here is an agent's bug
      throw new Error(`lending market ${m.id} cannot apply a ${(tx as { kind: string }).kind} transaction`);
  }
}

/** A sender's new transaction about the same position and action replaces its pending one. */
export function lendingTxSubject(tx: LendingTransaction): string {
  return tx.kind === 'liquidation' ? `liq:${tx.position}` : `${tx.kind}:${tx.position}`;
}

function settleLiquidation(m: LendingMarket, tx: LiquidationTx, ctx: TxContext): void {
  const i = m.slotOf(tx.position);
  const collateralAsset = m.reserves[m.book.collateralReserve[i]].asset;
  const debtAsset = m.reserves[m.book.debtReserve[i]].asset;
  const r = m.liquidate(i, tx.debtToCover, ctx.account, ctx.ledger);
  const recording = ctx.recording !== false;
  if (!(r.debtRepaid > 0)) {
    if (recording) ctx.record('liquidation-failed', { protocol: m.id, position: tx.position, agent: ctx.agent });
    return;
  }
  const valueUsd = r.collateralSeized * ctx.reference[collateralAsset];
  const t = m.totals;
  t.liquidatedUsd += valueUsd;
  t.debtRepaidUsd += r.debtRepaid * ctx.reference[debtAsset];
  t.stepLiquidatedUsd += valueUsd;
  t.stepLiquidations++;
  const proceeds = tx.sellVia >= 0 ? ctx.sellSeized(tx.sellVia, collateralAsset, debtAsset, r.collateralSeized) : 0;
  if (recording)
    ctx.record('liquidation', {
      protocol: m.id,
      position: tx.position,
      agent: ctx.agent,
      debtRepaid: r.debtRepaid,
      collateralSeized: r.collateralSeized,
      valueUsd,
      soldOn: tx.sellVia >= 0 ? ctx.venueId(tx.sellVia) : null,
      proceeds,
    });
  if (r.badDebtUsd > 0) {
    if (t.firstBadDebtStep < 0) t.firstBadDebtStep = ctx.step;
    if (recording) ctx.record('bad-debt', { protocol: m.id, position: tx.position, usd: r.badDebtUsd });
  }
}
