/**
 * Applying included transactions. Gas is paid first, in the native asset, and leaves the
 * modelled world (burned). A transaction for a protocol goes to that protocol (protocol.ts
 * `apply`), which moves its tokens through the ledger itself; venues' transactions are settled
 * here, the venue changing its state and this module moving the matching tokens, so every
 * transfer has its two sides. A governance change goes to governance.ts, which pays its gas and
 * holds it to the bounds and the timelock before the protocol's `configure` applies it.
 */
import type { World } from './worldTypes.js';
import { isProtocolTx, type SwapTx } from './transactions.js';
import { isConfigureTx } from './configureTx.js';
import type { Inclusion } from './blockspace.js';
import { record } from './events.js';
import { sell } from './sale.js';
import { settleConfigure } from './governance.js';

function settleSwap(w: World, tx: SwapTx, account: number): void {
  const v = w.venues[tx.venue];
  const agent = w.agents[tx.sender].id;
  const amountIn = Math.min(tx.amountIn, w.ledger.balance(account, tx.assetIn));
  if (!(amountIn > 0)) return reverted(w, tx, agent, 'nothing to sell');
  if (v.quote(tx.assetIn, tx.assetOut, amountIn) < tx.minOut * (amountIn / tx.amountIn)) return reverted(w, tx, agent, 'output below minOut');
  sell(w, account, tx.venue, tx.assetIn, tx.assetOut, amountIn, tx.liquidationSale === true && !w.priceFeedback, agent);
}

/** A swap that reverts changes nothing; with `events: all` it is recorded, with why. */
function reverted(w: World, tx: SwapTx, agent: string, reason: string): void {
  if (w.allEvents)
    record(w, 'swap-reverted', { venue: w.venues[tx.venue].id, agent, assetIn: w.assetIds[tx.assetIn], assetOut: w.assetIds[tx.assetOut], amountIn: tx.amountIn, minOut: tx.minOut, reason });
}

/** Settles one included transaction at its block's time, paying gas at the price it was included at. */
export function settle(w: World, inclusion: Inclusion): void {
  const { tx } = inclusion;
  if (isConfigureTx(tx)) return settleConfigure(w, inclusion);
  const account = w.agents[tx.sender].account;
  if (tx.gas > 0) {
    const fee = tx.gas * inclusion.gasPrice * 1e-9;
    if (w.ledger.balance(account, w.nativeAsset) < fee) {
      // cannot pay for gas: never mined
      if (w.allEvents) record(w, 'not-mined', { agent: w.agents[tx.sender].id, kind: tx.kind, reason: 'cannot pay for gas' });
      return;
    }
    w.ledger.burn(account, w.nativeAsset, fee);
  }
  if (isProtocolTx(tx)) {
    w.protocols[tx.protocol].apply(tx, w.contexts.forTx(inclusion, account));
    return;
  }
  switch (tx.kind) {
    case 'swap':
      settleSwap(w, tx, account);
      break;
    case 'withdraw-liquidity': {
      const v = w.venues[tx.venue];
      const removed = v.withdraw(tx.keep);
      const venueAccount = w.ledger.account(`venue:${v.id}`);
      for (const [asset, amount] of removed) w.ledger.transfer(venueAccount, account, asset, amount);
      record(w, 'liquidity-withdrawn', { venue: v.id, agent: w.agents[tx.sender].id, kept: tx.keep });
      break;
    }
  }
}
