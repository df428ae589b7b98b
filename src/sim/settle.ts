/**
 * Applying included transactions: the protocols and venues change their own state, and this
 * module moves the matching tokens in the ledger, so every transfer has its two sides here.
 * Gas is paid first, in the native asset, and leaves the modelled world (burned).
 */
import type { World } from './world.js';
import type { Transaction, LiquidationTx, SwapTx } from './transactions.js';
import type { Inclusion } from './blockspace.js';
import { settleCdp } from './settleCdp.js';
import { settleConfigure } from './governance.js';

export function record(w: World, type: string, fields: Record<string, unknown>): void {
  if (w.recordEvents) w.events.push({ step: w.step, time: w.step * w.dt, type, ...fields });
}

/**
 * Sells `amountIn` of `assetIn` for `assetOut` on venue `vi` for `account`. A pool's tokens are
 * in the ledger and it moves its price; an order book is outside the world (mint and burn). With
 * `moveNoPrice` the sale is filled at the venue's quote without touching its state: the
 * counterfactual in which liquidators' sales have no price feedback.
 */
export function sell(w: World, account: number, vi: number, assetIn: number, assetOut: number, amountIn: number, moveNoPrice: boolean): number {
  const v = w.venues[vi];
  if (moveNoPrice) {
    const out = v.quote(assetIn, assetOut, amountIn);
    w.ledger.burn(account, assetIn, amountIn);
    w.ledger.mint(account, assetOut, out);
    return out;
  }
  const out = v.swap(assetIn, assetOut, amountIn);
  if (v.holdsTokens) {
    const venueAccount = w.ledger.account(`venue:${v.id}`);
    w.ledger.transfer(account, venueAccount, assetIn, amountIn);
    w.ledger.transfer(venueAccount, account, assetOut, out);
  } else {
    w.ledger.burn(account, assetIn, amountIn);
    w.ledger.mint(account, assetOut, out);
  }
  return out;
}

function settleLiquidation(w: World, tx: LiquidationTx, account: number): void {
  const m = w.protocols[tx.protocol];
  const i = tx.position;
  const collateralAsset = m.reserves[m.book.collateralReserve[i]].asset;
  const debtAsset = m.reserves[m.book.debtReserve[i]].asset;
  const r = m.liquidate(i, tx.debtToCover, account, w.ledger);
  if (!(r.debtRepaid > 0)) {
    record(w, 'liquidation-failed', { protocol: m.id, position: i, agent: w.agents[tx.sender].id });
    return;
  }
  const valueUsd = r.collateralSeized * w.reference[collateralAsset];
  const t = w.totals[tx.protocol];
  t.liquidations++;
  t.liquidatedUsd += valueUsd;
  t.debtRepaidUsd += r.debtRepaid * w.reference[debtAsset];
  w.stepLiquidatedUsd[tx.protocol] += valueUsd;
  w.stepLiquidations[tx.protocol]++;
  let proceeds = 0;
  if (tx.sellVia >= 0) proceeds = sell(w, account, tx.sellVia, collateralAsset, debtAsset, r.collateralSeized, !w.priceFeedback);
  record(w, 'liquidation', {
    protocol: m.id,
    position: i,
    agent: w.agents[tx.sender].id,
    debtRepaid: r.debtRepaid,
    collateralSeized: r.collateralSeized,
    valueUsd,
    soldOn: tx.sellVia >= 0 ? w.venues[tx.sellVia].id : null,
    proceeds,
  });
  if (r.badDebtUsd > 0) {
    t.badDebtUsd += r.badDebtUsd;
    if (t.firstBadDebtStep < 0) t.firstBadDebtStep = w.step;
    record(w, 'bad-debt', { protocol: m.id, position: i, usd: r.badDebtUsd });
  }
}

function settleSwap(w: World, tx: SwapTx, account: number): void {
  const v = w.venues[tx.venue];
  const amountIn = Math.min(tx.amountIn, w.ledger.balance(account, tx.assetIn));
  if (!(amountIn > 0) || v.quote(tx.assetIn, tx.assetOut, amountIn) < tx.minOut * (amountIn / tx.amountIn)) return; // reverts
  sell(w, account, tx.venue, tx.assetIn, tx.assetOut, amountIn, tx.liquidationSale === true && !w.priceFeedback);
}

/** Settles one included transaction at its block's time, paying gas at the price it was included at. */
export function settle(w: World, inclusion: Inclusion): void {
  const { tx, time } = inclusion;
  if (tx.kind === 'configure') return settleConfigure(w, inclusion);
  const account = w.agents[tx.sender].account;
  if (tx.gas > 0) {
    const fee = tx.gas * inclusion.gasPrice * 1e-9;
    if (w.ledger.balance(account, w.nativeAsset) < fee) return; // cannot pay for gas: never mined
    w.ledger.burn(account, w.nativeAsset, fee);
  }
  switch (tx.kind) {
    case 'liquidation':
      settleLiquidation(w, tx, account);
      break;
    case 'swap':
      settleSwap(w, tx, account);
      break;
    case 'top-up':
      w.protocols[tx.protocol].topUp(tx.position, tx.amount, w.ledger);
      break;
    case 'repay':
      w.protocols[tx.protocol].repay(tx.position, tx.amount, w.ledger);
      break;
    case 'withdraw-liquidity': {
      const v = w.venues[tx.venue];
      const removed = v.withdraw(tx.keep);
      const venueAccount = w.ledger.account(`venue:${v.id}`);
      for (const [asset, amount] of removed) w.ledger.transfer(venueAccount, account, asset, amount);
      record(w, 'liquidity-withdrawn', { venue: v.id, agent: w.agents[tx.sender].id, kept: tx.keep });
      break;
    }
    default:
      settleCdp(w, tx, account, time);
  }
}
