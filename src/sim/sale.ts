/** A sale on a venue for an account, both sides of it in the ledger. */
import type { World } from './worldTypes.js';

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
