/**
 * Applying agents' transactions to an option venue at their block's time (the simulator has
 * already charged the gas): deposits and withdrawals of collateral, take-overs of accounts under
 * maintenance with the taker's delta hedge in the same bundle, hedges on their own, and the
 * auction's offers and bids. What is refused is recorded, never thrown.
 *
 * A take-over moves q contracts of one position of the liquidated account to the liquidator: a
 * short at mark × (1 + discount) paid by the account (the liquidator is paid to carry it), a long
 * at mark × (1 − discount) paid to it; the coin collateral (series −1) at the index price × (1 −
 * discount). A position of at most `minContracts` goes whole, a larger one `maxShare` of it at a
 * time (incremental liquidation, as Deribit's). The liquidator must stay above its own initial
 * margin afterwards, and pay for what it buys from cash it has: the venue halves q until it
 * does, or refuses.
 */
import type { OptionVenue } from './optionVenue.js';
import type { TxContext } from './context.js';
import type { OptionCollateralTx, OptionLiquidationTx, OptionTransaction } from './transactions.js';

export function applyOptionTx(v: OptionVenue, tx: OptionTransaction, ctx: TxContext): void {
  const me = v.accountOf(ctx.account);
  if (me < 0) {
    ctx.record('option-refused', { protocol: v.id, agent: ctx.agent, kind: tx.kind, reason: 'no account on the venue' });
    return;
  }
  switch (tx.kind) {
    case 'option-deposit':
      deposit(v, me, tx, ctx);
      return;
    case 'option-withdraw':
      withdraw(v, me, tx, ctx);
      return;
    case 'option-liquidation':
      liquidate(v, me, tx, ctx);
      return;
    case 'option-hedge': {
      const filled = hedge(v, me, tx.via, tx.amount, ctx);
      ctx.record('option-hedge', { protocol: v.id, agent: ctx.agent, venue: ctx.venueId(tx.via), asked: tx.amount, filled });
      return;
    }
    case 'option-auction-open': {
      const s = tx.series;
      if (!(s >= 0 && s < v.series.count) || v.series.expiry[s] <= ctx.now || !(tx.contracts > 0) || !(tx.duration > 0)) {
        ctx.record('option-refused', { protocol: v.id, agent: ctx.agent, kind: tx.kind, reason: 'no such live series, or nothing offered' });
        return;
      }
      const id = v.auctions.open(me, s, tx.contracts, Math.max(0, tx.minPrice), ctx.now + tx.duration);
      ctx.record('option-auction-opened', { protocol: v.id, agent: ctx.agent, auction: id, series: v.series.label(s), contracts: tx.contracts, minPrice: tx.minPrice });
      return;
    }
    case 'option-auction-bid':
      if (!v.auctions.bid(tx.auction, me, tx.contracts, tx.price, ctx.now)) ctx.record('option-refused', { protocol: v.id, agent: ctx.agent, kind: tx.kind, reason: 'auction closed or own' });
      return;
    default:
      // the world routes by protocol index: another kind's transaction here is an agent's bug
      throw new Error(`option venue ${v.id} cannot apply a ${(tx as { kind: string }).kind} transaction`);
  }
}

/** A sender's new transaction about the same account and series (or asset, auction) replaces its pending one. */
export function optionTxSubject(tx: OptionTransaction): string {
  switch (tx.kind) {
    case 'option-deposit':
    case 'option-withdraw':
      return `${tx.kind}:${tx.asset}`;
    case 'option-liquidation':
      return `liq:${tx.account}:${tx.series}`;
    case 'option-hedge':
      return `hedge:${tx.via}`;
    case 'option-auction-open':
      return `offer:${tx.series}`;
    case 'option-auction-bid':
      return `bid:${tx.auction}`;
  }
}

function deposit(v: OptionVenue, me: number, tx: OptionCollateralTx, ctx: TxContext): void {
  const { underlying, settlement } = v.params;
  if (tx.asset !== underlying && tx.asset !== settlement) {
    ctx.record('option-refused', { protocol: v.id, agent: ctx.agent, kind: tx.kind, reason: 'not a collateral asset of the venue' });
    return;
  }
  const amount = Math.min(tx.amount, ctx.ledger.balance(ctx.account, tx.asset));
  if (!(amount > 0)) return;
  ctx.ledger.transfer(ctx.account, v.account, tx.asset, amount);
  if (tx.asset === settlement) {
    v.accounts.cash[me] += amount;
    v.peakCash += amount;
  } else {
    v.accounts.coin[me] += amount;
    v.peakCoin += amount;
  }
  v.assess(me);
}

/**
 * Withdraws at most what leaves the account at or above its initial margin: all of the request
 * when that holds, else the largest share found by bisection (margin falls monotonically with
 * what is withdrawn).
 */
function withdraw(v: OptionVenue, me: number, tx: OptionCollateralTx, ctx: TxContext): void {
  const { underlying, settlement } = v.params;
  if (tx.asset !== underlying && tx.asset !== settlement) {
    ctx.record('option-refused', { protocol: v.id, agent: ctx.agent, kind: tx.kind, reason: 'not a collateral asset of the venue' });
    return;
  }
  const acc = v.accounts;
  const field = tx.asset === settlement ? acc.cash : acc.coin;
  const before = field[me];
  const most = Math.min(tx.amount, Math.max(0, before));
  if (!(most > 0)) return;
  const fits = (x: number) => {
    field[me] = before - x;
    v.evaluate(me);
    field[me] = before;
    return v.evaluated.equity >= v.evaluated.initial;
  };
  let amount = most;
  if (!fits(most)) {
    let lo = 0;
    let hi = most;
    for (let i = 0; i < 50; i++) {
      const mid = (lo + hi) / 2;
      if (fits(mid)) lo = mid;
      else hi = mid;
    }
    amount = lo;
  }
  if (!(amount > 0)) {
    ctx.record('option-refused', { protocol: v.id, agent: ctx.agent, kind: tx.kind, reason: 'below initial margin' });
    return;
  }
  field[me] = before - amount;
  ctx.ledger.transfer(v.account, ctx.account, tx.asset, amount);
  v.assess(me);
}

/**
 * Trades the underlying for the sender on venue `via`: sells −amount of it (at most what the
 * sender holds) or buys about `amount` with the settlement asset at the index price. Returns the
 * underlying bought (+) or sold (−), which the venue keeps as the account's hedge.
 */
export function hedge(v: OptionVenue, me: number, via: number, amount: number, ctx: TxContext): number {
  const { underlying, settlement } = v.params;
  if (!(Math.abs(amount) > 0) || !Number.isFinite(amount)) return 0;
  if (amount < 0) {
    const sell = Math.min(-amount, ctx.ledger.balance(ctx.account, underlying));
    if (!(sell > 0)) return 0;
    ctx.sellSeized(via, underlying, settlement, sell);
    v.accounts.hedge[me] -= sell;
    v.totals.hedgeSold += sell;
    return -sell;
  }
  const pay = Math.min(amount * v.spot, ctx.ledger.balance(ctx.account, settlement));
  if (!(pay > 0)) return 0;
  const got = ctx.sellSeized(via, settlement, underlying, pay);
  v.accounts.hedge[me] += got;
  v.totals.hedgeBought += got;
  return got;
}

function failed(v: OptionVenue, tx: OptionLiquidationTx, ctx: TxContext, reason: string): void {
  ctx.record('option-liquidation-failed', { protocol: v.id, account: tx.account, agent: ctx.agent, reason });
}

function liquidate(v: OptionVenue, me: number, tx: OptionLiquidationTx, ctx: TxContext): void {
  const a = tx.account;
  const acc = v.accounts;
  if (!(a >= 0 && a < acc.count) || a === me) return failed(v, tx, ctx, 'no such account');
  v.assess(a);
  if (!acc.underMaintenance[a]) return failed(v, tx, ctx, 'not under maintenance');
  const { discount, maxShare, minContracts } = v.params;
  const s = tx.series;
  const held = s === -1 ? acc.coin[a] : s >= 0 && s < v.series.count ? acc.position(a, s) : 0;
  if (held === 0 || !(tx.contracts > 0)) return failed(v, tx, ctx, 'nothing to take over');
  const size = Math.abs(held);
  let q = Math.min(tx.contracts, size <= minContracts ? size : maxShare * size);
  const S = v.spot;
  const price = s === -1 ? S * (1 - discount) : held < 0 ? v.marks[s] * (1 + discount) : v.marks[s] * (1 - discount);
  const value = s === -1 ? S : v.marks[s];
  // the liquidator must carry what it takes: halve until its initial margin holds
  let fits = false;
  const cashBefore = acc.cash[me];
  for (let attempt = 0; attempt < 12 && !fits; attempt++) {
    move(v, a, me, s, held, q, price);
    fits = v.canCarry(me, cashBefore);
    if (!fits) {
      move(v, a, me, s, held, -q, price);
      q /= 2;
    }
  }
  if (!fits) return failed(v, tx, ctx, 'liquidator margin');
  const t = v.totals;
  // what leaves the liquidated account, and what comes back to it (a liability removed or cash)
  const seized = held < 0 ? q * price : q * value;
  const returned = held < 0 ? q * value : q * price;
  t.liquidations++;
  t.liquidatedUsd += seized;
  t.debtRepaidUsd += returned;
  t.stepLiquidations++;
  t.stepLiquidatedUsd += seized;
  // the delta the liquidator took on: the coin's, or the position's (its sign follows the account's)
  const taken = s === -1 ? q : (held < 0 ? -q : q) * v.deltas[s];
  const hedged = tx.hedgeVia >= 0 ? hedge(v, me, tx.hedgeVia, -taken, ctx) : 0;
  v.assess(a);
  v.assess(me);
  ctx.record('option-liquidation', {
    protocol: v.id,
    account: a,
    agent: ctx.agent,
    series: s === -1 ? 'coin' : v.series.label(s),
    contracts: q,
    price,
    valueUsd: seized,
    deltaTaken: taken,
    hedgedVia: tx.hedgeVia >= 0 ? ctx.venueId(tx.hedgeVia) : null,
    hedged,
  });
}

/** Moves q (negative: back) of account a's holding in s (−1: coin) to `me` at `price` each. */
function move(v: OptionVenue, a: number, me: number, s: number, held: number, q: number, price: number): void {
  const acc = v.accounts;
  if (s === -1) {
    acc.coin[a] -= q;
    acc.coin[me] += q;
    acc.cash[a] += q * price;
    acc.cash[me] -= q * price;
  } else if (held < 0) v.trade(me, a, s, q, price);
  else v.trade(a, me, s, q, price);
}
