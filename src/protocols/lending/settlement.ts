/**
 * Applying agents' transactions to a lending market at their block's time (the simulator has
 * already charged the gas): a liquidation call and the sale of what it seized, bundled as
 * flash-loan liquidators do; a borrower's top-up or repayment; a lender's supply or withdrawal.
 * What happened goes to the event log.
 */
import type { LendingMarket, LiquidationResult } from './lendingMarket.js';
import type { DrawTx, LendingTransaction, LiquidationTx, TopUpTx } from './transactions.js';
import type { TxContext } from './context.js';
import { settleAccountLiquidation } from './accounts/accountSettlement.js';

export function applyLendingTx(m: LendingMarket, tx: LendingTransaction, ctx: TxContext): void {
  switch (tx.kind) {
    case 'liquidation':
      settleLiquidation(m, tx, ctx);
      return;
    case 'account-liquidation':
      settleAccountLiquidation(m, tx, ctx);
      return;
    case 'top-up':
    case 'repay':
    case 'withdraw':
    case 'borrow':
      settleOwnerCall(m, tx, ctx);
      return;
    case 'supply':
    case 'redeem': {
      const moved = tx.kind === 'supply' ? m.supply(tx.reserve, tx.amount, ctx.account, ctx.ledger) : m.redeem(tx.reserve, tx.amount, ctx.account, ctx.ledger);
      ctx.record(`lending-${tx.kind}`, { protocol: m.id, agent: ctx.agent, asset: m.reserves[tx.reserve]?.assetId ?? null, asked: tx.amount, moved });
      return;
    }
    default:
      // the world routes by protocol index: another kind's transaction here is an agent's bug
      throw new Error(`lending market ${m.id} cannot apply a ${(tx as { kind: string }).kind} transaction`);
  }
}

/**
 * A borrower's call. The borrowers' positions are looked after from outside the world (top-ups
 * and repayments, no event, as before); a position an agent owns moves the owner's own tokens,
 * and what it did (or that it was refused: not the owner, nothing to do, above the LTV) is an event.
 */
function settleOwnerCall(m: LendingMarket, tx: TopUpTx | DrawTx, ctx: TxContext): void {
  // transactions name positions by id; the book's arrays hold them by slot
  const i = m.slotOf(tx.position);
  const owned = m.book.owner[i] >= 0;
  let done: number;
  switch (tx.kind) {
    case 'top-up':
      done = m.topUp(i, tx.amount, ctx.ledger, ctx.account);
      break;
    case 'repay':
      done = m.repay(i, tx.amount, ctx.ledger, ctx.account);
      break;
    case 'withdraw':
      done = m.withdraw(i, tx.amount, ctx.account, ctx.ledger);
      break;
    case 'borrow':
      done = m.borrow(i, tx.amount, ctx.account, ctx.ledger);
      break;
  }
  if (!owned && (tx.kind === 'top-up' || tx.kind === 'repay')) return;
  if (done > 0) ctx.record(`position-${tx.kind}`, { protocol: m.id, position: tx.position, agent: ctx.agent, amount: done });
  else ctx.record('position-refused', { protocol: m.id, position: tx.position, agent: ctx.agent, action: tx.kind, amount: tx.amount });
}

/** A sender's new transaction about the same position and action replaces its pending one. */
export function lendingTxSubject(tx: LendingTransaction): string {
  switch (tx.kind) {
    case 'liquidation':
      return `liq:${tx.position}`;
    case 'account-liquidation':
      return `aliq:${tx.account}`;
    case 'supply':
    case 'redeem':
      return `${tx.kind}:reserve${tx.reserve}`;
    default:
      return `${tx.kind}:${tx.position}`;
  }
}

/** What each liquidation settled did, one object for every call (read before the next). */
const settled: LiquidationResult = { debtRepaid: 0, collateralSeized: 0, badDebtUsd: 0 };

function settleLiquidation(m: LendingMarket, tx: LiquidationTx, ctx: TxContext): void {
  const i = m.slotOf(tx.position);
  const collateralAsset = m.reserves[m.book.collateralReserve[i]].asset;
  const debtAsset = m.reserves[m.book.debtReserve[i]].asset;
  // read at once: the object is the next call's too
  const { debtRepaid, collateralSeized, badDebtUsd } = m.liquidate(i, tx.debtToCover, ctx.account, ctx.ledger, settled);
  const recording = ctx.recording !== false;
  if (!(debtRepaid > 0)) {
    if (recording) ctx.record('liquidation-failed', { protocol: m.id, position: tx.position, agent: ctx.agent });
    return;
  }
  const valueUsd = collateralSeized * ctx.reference[collateralAsset];
  const t = m.totals;
  t.liquidatedUsd += valueUsd;
  t.debtRepaidUsd += debtRepaid * ctx.reference[debtAsset];
  t.stepLiquidatedUsd += valueUsd;
  t.stepLiquidations++;
  const proceeds = tx.sellVia >= 0 ? ctx.sellSeized(tx.sellVia, collateralAsset, debtAsset, collateralSeized) : 0;
  if (recording)
    ctx.record('liquidation', {
      protocol: m.id,
      position: tx.position,
      agent: ctx.agent,
      debtRepaid,
      collateralSeized,
      valueUsd,
      soldOn: tx.sellVia >= 0 ? ctx.venueId(tx.sellVia) : null,
      proceeds,
    });
  if (badDebtUsd > 0) {
    if (t.firstBadDebtStep < 0) t.firstBadDebtStep = ctx.step;
    if (recording) ctx.record('bad-debt', { protocol: m.id, position: tx.position, usd: badDebtUsd });
  }
}
