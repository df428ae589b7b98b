/** A sale on a venue for an account, both sides of it in the ledger. */
import type { World } from './worldTypes.js';
import { record } from './events.js';

/** Each world's venues' ledger accounts, looked up once: a crash settles a sale per liquidation. */
const venueAccounts = new WeakMap<World, Int32Array>();

function venueAccount(w: World, vi: number): number {
  let accounts = venueAccounts.get(w);
  if (!accounts) {
    accounts = Int32Array.from(w.venues, (v) => w.ledger.account(`venue:${v.id}`));
    venueAccounts.set(w, accounts);
  }
  return accounts[vi];
}

/**
 * Sells `amountIn` of `assetIn` for `assetOut` on venue `vi` for `account`. A pool's tokens are
 * in the ledger and it moves its price; an order book is outside the world (mint and burn). With
 * `moveNoPrice` the sale is filled at the venue's quote without touching its state: the
 * counterfactual in which liquidators' sales have no price feedback.
 */
export function sell(w: World, account: number, vi: number, assetIn: number, assetOut: number, amountIn: number, moveNoPrice: boolean, agent: string): number {
  const v = w.venues[vi];
  // the venue's price as timeseries.csv reports it: its first asset in its second
  const before = w.allEvents ? v.price(v.assets[0], v.assets[1]) : NaN;
  if (moveNoPrice) {
    const out = v.quote(assetIn, assetOut, amountIn);
    w.ledger.burn(account, assetIn, amountIn);
    w.ledger.mint(account, assetOut, out);
    if (w.allEvents) recordSwap(w, vi, agent, assetIn, assetOut, amountIn, out, before, before);
    return out;
  }
  const out = v.swap(assetIn, assetOut, amountIn);
  w.priceImpact?.record(vi, assetIn, amountIn, out);
  if (w.allEvents) recordSwap(w, vi, agent, assetIn, assetOut, amountIn, out, before, v.price(v.assets[0], v.assets[1]));
  if (v.holdsTokens) {
    const pool = venueAccount(w, vi);
    w.ledger.transfer(account, pool, assetIn, amountIn);
    w.ledger.transfer(pool, account, assetOut, out);
  } else {
    w.ledger.burn(account, assetIn, amountIn);
    w.ledger.mint(account, assetOut, out);
  }
  return out;
}

function recordSwap(w: World, vi: number, agent: string, assetIn: number, assetOut: number, amountIn: number, amountOut: number, priceBefore: number, priceAfter: number): void {
  const v = w.venues[vi];
  record(w, 'swap', {
    venue: v.id,
    agent,
    assetIn: w.assetIds[assetIn],
    assetOut: w.assetIds[assetOut],
    amountIn,
    amountOut,
    price: `${w.assetIds[v.assets[0]]} in ${w.assetIds[v.assets[1]]}`,
    priceBefore,
    priceAfter,
  });
}
