/**
 * An option vault (Ribbon's Theta Vaults, Thetanuts): depositors' collateral sold each round as
 * covered calls (collateral: the underlying) or cash-secured puts (collateral: the settlement
 * stablecoin), by auction to market makers, held to expiry, and rolled. Between rounds, and for
 * the share a round does not use, the collateral is supplied to a lending market of the scenario
 * (`lending`), so the vault's losses and its depositors' withdrawals come out of that market's
 * cash.
 *
 * A round, one phase per step (each waits until the last one's transaction has landed, so it
 * works with block space too):
 *   idle      picks the nearest expiry at least `minTenor` ahead and the listed strike nearest
 *             `moneyness` × the index price; brings the collateral for `allocation` of the vault
 *             to the venue (withdrawing it from the lending market first) and, once it is there,
 *             offers N contracts (N = collateral / strike for puts, the coin for calls) with a
 *             reserve of `reservePrice` × the mark;
 *   offering  waits for the auction to clear: sold, the round is live; unsold, it unwinds;
 *   live      waits for the series to settle at expiry;
 *   unwinding withdraws everything from the venue; after a round that lost more than
 *             `redemption.lossThreshold` of the collateral (payout at expiry less premium),
 *             depositors take `redemption.share` of the vault's collateral out (from the wallet,
 *             then from the lending market); the rest goes back to the lending market.
 * The redeemed tokens stay in the agent's account (its depositors' wallets), outside the vault.
 */
import type { Agent, AgentContext, OptionVaultSpec, Transaction, WorldView } from '../src/sim/agent.js';
import { asLendingMarket, asOptionVenue, type LendingMarket, type OptionVenue } from './protocolKinds.js';
import { bidGwei } from './gasBid.js';

type Phase = 'idle' | 'offering' | 'live' | 'unwinding';

export class OptionVault implements Agent {
  readonly kind = 'option-vault';
  readonly id: string;
  readonly account: number;
  private readonly index: number;
  private readonly protocol: number;
  private readonly venue: OptionVenue;
  private readonly market: LendingMarket | null;
  private readonly marketIndex: number;
  /** The collateral asset (world index), and its reserve in the lending market (−1: none). */
  private readonly collateral: number;
  private readonly reserve: number;
  private readonly isPut: boolean;
  private readonly moneyness: number;
  private phase: Phase = 'idle';
  private started = false;
  /** The round: its series, collateral value at the start (USD) and its auction. */
  private series = -1;
  private roundCollateralUsd = 0;
  private auction = -1;
  /** What the last redemption withdrawal asked for (NaN: none pending). */
  private lastShort = NaN;
  /** Collateral tokens its depositors have taken out (kept in the wallet, no longer the vault's). */
  redeemed = 0;
  /** Rounds completed and their option profit (premium − payout), USD. */
  rounds = 0;
  profitUsd = 0;

  constructor(
    private readonly spec: OptionVaultSpec,
    ctx: AgentContext,
  ) {
    this.id = spec.id;
    this.account = ctx.account;
    this.index = ctx.index;
    this.protocol = ctx.protocolIndex(spec.protocol);
    this.venue = asOptionVenue(ctx.protocols[this.protocol]);
    this.isPut = spec.strategy === 'cash-secured-put';
    this.collateral = this.isPut ? this.venue.params.settlement : this.venue.params.underlying;
    this.moneyness = spec.moneyness ?? (this.isPut ? 0.9 : 1.1);
    this.marketIndex = spec.lending !== undefined ? ctx.protocolIndex(spec.lending) : -1;
    this.market = this.marketIndex >= 0 ? asLendingMarket(ctx.protocols[this.marketIndex]) : null;
    this.reserve = this.market ? this.market.reserves.findIndex((r) => r.asset === this.collateral) : -1;
  }

  /** Its account on the venue. */
  private get me(): number {
    return this.venue.accountOf(this.account);
  }

  /** Collateral tokens in its wallet that belong to the vault (a gas reserve kept when it is the native asset). */
  private walletTokens(view: WorldView): number {
    const gasReserve = this.collateral === view.nativeAsset ? 1 : 0;
    return Math.max(0, view.balance(this.account, this.collateral) - this.redeemed - gasReserve);
  }

  private lent(): number {
    return this.market ? this.market.supplied(this.reserve, this.account) : 0;
  }

  private venueTokens(): number {
    const acc = this.venue.accounts;
    return this.isPut ? acc.cash[this.me] : acc.coin[this.me];
  }

  /** The vault's collateral tokens wherever they are (wallet, lending market, venue). */
  holdings(view: WorldView): number {
    return this.walletTokens(view) + this.lent() + Math.max(0, this.venueTokens());
  }

  act(view: WorldView, submit: (tx: Transaction) => void): void {
    const gasPrice = bidGwei(this.spec.gasBid, view.gasPrice);
    const tx = (fields: Record<string, unknown>) => submit({ sender: this.index, gas: this.spec.gasPerTx, gasPrice, ...fields } as unknown as Transaction);
    const supply = (amount: number) => this.market && amount > 0 && tx({ kind: 'supply', protocol: this.marketIndex, reserve: this.reserve, amount });
    const withdraw = (amount: number) => this.market && amount > 0 && tx({ kind: 'redeem', protocol: this.marketIndex, reserve: this.reserve, amount });
    if (!this.started) {
      this.started = true;
      if (this.market) {
        supply(this.walletTokens(view));
        return;
      }
    }
    const v = this.venue;
    switch (this.phase) {
      case 'idle': {
        const s = this.pickSeries(view);
        if (s < 0) return;
        const strike = v.series.strike[s];
        const perContract = this.isPut ? strike : 1;
        const tokens = this.spec.allocation * this.holdings(view);
        const contracts = tokens / perContract;
        const need = tokens - Math.max(0, this.venueTokens());
        // a tolerance well above a step's interest on what stays lent
        if (need > 1e-4 * tokens) {
          const wallet = this.walletTokens(view);
          if (wallet >= need * (1 - 1e-4)) tx({ kind: 'option-deposit', protocol: this.protocol, asset: this.collateral, amount: Math.min(need, wallet) });
          else withdraw(need - wallet);
          return;
        }
        if (!(contracts > 0)) return;
        this.series = s;
        this.roundCollateralUsd = tokens * (this.isPut ? 1 : v.spot);
        this.auction = v.auctions.all.length; // its auction is the next one opened, once this lands
        tx({ kind: 'option-auction-open', protocol: this.protocol, series: s, contracts, minPrice: this.spec.reservePrice * v.marks[s], duration: this.spec.auction });
        this.phase = 'offering';
        return;
      }
      case 'offering': {
        const a = v.auctions.all.find((x) => x.seller === this.me && x.series === this.series && x.id >= this.auction);
        if (!a || a.open) return;
        this.auction = a.id;
        this.phase = v.accounts.position(this.me, this.series) < 0 ? 'live' : 'unwinding';
        return;
      }
      case 'live': {
        if (!v.settled[this.series]) return;
        const a = v.auctions.all[this.auction];
        const S = v.settlementPrice[this.series];
        const K = v.series.strike[this.series];
        const intrinsic = this.isPut ? Math.max(K - S, 0) : Math.max(S - K, 0);
        const profit = a.sold * a.price - a.sold * intrinsic;
        this.profitUsd += profit;
        this.rounds++;
        if (this.spec.redemption && -profit > this.spec.redemption.lossThreshold * this.roundCollateralUsd) {
          const out = this.spec.redemption.share * this.holdings(view);
          this.redeemed += out;
        }
        this.phase = 'unwinding';
        return;
      }
      case 'unwinding': {
        const acc = v.accounts;
        const me = this.me;
        if (acc.cash[me] > 1e-9 || acc.coin[me] > 1e-12) {
          if (acc.cash[me] > 1e-9) tx({ kind: 'option-withdraw', protocol: this.protocol, asset: v.params.settlement, amount: acc.cash[me] });
          if (acc.coin[me] > 1e-12) tx({ kind: 'option-withdraw', protocol: this.protocol, asset: v.params.underlying, amount: acc.coin[me] });
          return;
        }
        // depositors' redemptions come out of the wallet first, then out of the lending market
        // (which may not have the cash: then they wait, and the vault goes on when nothing moves)
        const short = this.redeemed - view.balance(this.account, this.collateral);
        if (short > 1e-9 && short !== this.lastShort) {
          this.lastShort = short;
          withdraw(short);
          return;
        }
        this.lastShort = NaN;
        supply(this.walletTokens(view));
        this.phase = 'idle';
        return;
      }
    }
  }

  /** The round's series: the nearest expiry at least minTenor ahead, the strike nearest moneyness × spot; −1 if none. */
  private pickSeries(view: WorldView): number {
    const v = this.venue;
    const sr = v.series;
    const now = view.time;
    let bestExpiry = Infinity;
    for (let s = 0; s < sr.count; s++) if (sr.expiry[s] - now >= this.spec.minTenor && sr.expiry[s] > now && sr.expiry[s] < bestExpiry) bestExpiry = sr.expiry[s];
    if (bestExpiry === Infinity) return -1;
    const target = this.moneyness * v.spot;
    let best = -1;
    for (let s = 0; s < sr.count; s++) {
      if (sr.expiry[s] !== bestExpiry || (sr.isPut[s] === 1) !== this.isPut) continue;
      if (best < 0 || Math.abs(sr.strike[s] - target) < Math.abs(sr.strike[best] - target)) best = s;
    }
    return best;
  }
}
