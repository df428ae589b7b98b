/**
 * `trader`: an agent with capital (`rl.trader`) added to the scenario, trading its venues and
 * borrowing from its markets through positions of its own: the adversary. Does it learn to push
 * a spot-priced oracle (buy the collateral in a thin pool so that the oracle reading it rises,
 * deposit, borrow the most the inflated price allows, and leave), or to sell into a thin pool to
 * trigger liquidations it profits from?
 *
 *   agent        `rl.trader.id` (default `trader`), appended to the scenario's agents with its
 *                capital, and one empty position it owns per `rl.trader.borrow` entry, appended to
 *                that market's positions (so no other agent's or position's random draws move).
 *                The added agent changes the order the scenario's agents act in each step
 *                (drawn over all agents), so a trader that only holds does not reproduce the
 *                scenario's plain path exactly.
 *   action       MultiDiscrete: targets of controlledTrader.ts, each a choice of `keep` (0) or one
 *                of `rl.trader.levels` (1 …): per venue of `rl.trader.venues` the share of the
 *                pair's wallet value to hold in its first asset; per position of `rl.trader.borrow`
 *                the share of its collateral asset to keep deposited, then the share of borrowing
 *                power to use; with positions, last, whether to liquidate (0 no, 1 yes). All zeros
 *                holds. Acted on once, at the interval's first step.
 *   observation  the features (default: per traded venue its price and ±2 % depth and its first
 *                asset's reference price; per position its collateral's oracle price, the debt
 *                reserve's utilisation and the market's liquidatable debt; the gas price), then
 *                its own state: `self.wallet.<asset>` (USD at reference prices); per venue
 *                `self.<venue>.premium` (venue price over the reference ratio, − 1) and
 *                `.exposure` (the share the exposure target is compared with); per position
 *                `self.<protocol>.<collateral>/<debt>.` collateralUsd, debtUsd, borrowableUsd,
 *                healthFactor (capped at 10), oraclePremium (oracle over reference, − 1),
 *                collateralShare and borrowing (debt over borrowing power, capped at 10): the
 *                quantities its targets set; `self.netWorthChange` (net worth over the start,
 *                − 1) and `self.timeLeft` (share of the horizon left, so that values near the
 *                end can differ).
 *   reward       the change of its net worth over the interval, marked at reference prices:
 *                wallet Σ balance × price, plus each position's equity max(0, collateral × price
 *                − debt × price). A position is a non-recourse loan: the trader can walk away
 *                from one worth less than its debt, and that shortfall is the market's loss, not
 *                its own (the exploit the environment is there to find).
 *   measures     beside the protocols' booked bad debt, `traderShortfallUsd`: the change over the
 *                interval of what its positions owe beyond their collateral (summed over an
 *                episode: what the market is still owed by it at the end, not yet booked).
 *   terminated   its net worth fell to `rl.trader.ruin` × the starting one, or a protocol's
 *                booked losses reached `rl.insolventAtLossUsd`.
 *   truncated    the horizon.
 */
import type { Info } from '../../env.js';
import { multiDiscrete, type MultiDiscrete } from '../../spaces.js';
import type { World } from '../../../sim/world.js';
import type { AgentFactory, ArbitrageurSpec } from '../../../sim/agent.js';
import type { Scenario } from '../../../scenario/schema.js';
import type { TraderSpec } from '../../../scenario/rl.js';
import type { FeatureSpecInput } from '../../../observation/spec.js';
import { InputError } from '../../../util/errors.js';
import { SimEnv, withControlledAgents } from '../simEnv.js';
import type { EnvConfig } from '../episodes.js';
import { ControlledTrader, positionState } from './controlledTrader.js';

const HEALTH_CAP = 10;
/** Smallest change of a holding that counts as activity, USD at reference prices (a transaction's gas is a few dollars to tens). */
const ACTIVITY_USD = 100;

/** 3.00M, 12.5k, 2.52k, 342, 1.50 */
function compact(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toPrecision(3)}k` : x.toPrecision(3);
}

/** The scenario with the trader added: its agent slot (its capital minted to it) and its empty positions. */
export function withTrader(s: Scenario, t: TraderSpec): Scenario {
  // the slot's spec: an agent kind the world knows, carrying the capital; the environment's factory makes the trader in it
  const slot: ArbitrageurSpec = { id: t.id, kind: 'arbitrageur', venues: t.venues, capital: t.capital, gasBid: t.gasBid, gasPerSwap: t.gasPerSwap, minProfit: 0, aggressiveness: 1 };
  const protocols = s.protocols.map((p) => {
    const own = t.borrow.filter((b) => b.protocol === p.id);
    if (p.kind !== 'lending' || own.length === 0) return p;
    return { ...p, positions: [...p.positions, ...own.map((b) => ({ owner: t.id, collateral: b.collateral, debt: b.debt }))] };
  });
  return { ...s, protocols, agents: [...s.agents, slot] };
}

export class TraderEnv extends SimEnv<MultiDiscrete> {
  readonly actionSpace: MultiDiscrete;
  readonly spec: TraderSpec;
  private trader: ControlledTrader | null = null;
  private walletAssets: number[] = [];
  private netWorthAtStart = 0;
  private netWorthAtReset = 0;
  private shortfallAtStart = 0;
  /** Its wallet balances, then each position's collateral and debt, at the start of the interval (what `activity` compares with). */
  private holdingsAtStart: number[] = [];

  constructor(config: EnvConfig) {
    super(config);
    const spec = this.loaded.scenario.rl?.trader;
    if (!spec) throw new InputError('required to train the trader environment: {capital, venues, …}', this.loaded.file, undefined, 'rl.trader');
    this.spec = spec;
    const choices = spec.levels.length + 1;
    this.actionSpace = multiDiscrete([...spec.venues.map(() => choices), ...spec.borrow.flatMap(() => [choices, choices]), ...(spec.borrow.length > 0 ? [2] : [])]);
    const walletIds = this.walletAssetIds();
    this.setup((s) => withTrader(s, spec), 1, {
      defaultFeatures: (s) => defaultFeatures(s, spec),
      selfNames: [
        ...walletIds.map((a) => `wallet.${a}`),
        ...spec.venues.flatMap((v) => [`${v}.premium`, `${v}.exposure`]),
        ...spec.borrow.flatMap((b) =>
          ['collateralUsd', 'debtUsd', 'borrowableUsd', 'healthFactor', 'oraclePremium', 'collateralShare', 'borrowing'].map((x) => `${b.protocol}.${b.collateral}/${b.debt}.${x}`),
        ),
        'netWorthChange',
        'timeLeft',
      ],
    });
  }

  /** The targets an action sets, e.g. `exposure(eth-usdc-pool) 1, borrowing(lender.ETH/USDC) 0.5`; null when it keeps everything. */
  describeAction(action: Float32Array): string | null {
    // with one venue and one position the kinds alone say it
    const names = this.spec.venues.length === 1 && this.spec.borrow.length <= 1 ? this.actionNames.map((n) => n.replace(/\(.*\)$/, '')) : this.actionNames;
    const liquidate = this.spec.borrow.length > 0 ? names.length - 1 : -1;
    const parts: string[] = [];
    names.forEach((name, j) => {
      if (action[j] === 0) return;
      parts.push(j === liquidate ? name : `${name} ${this.spec.levels[action[j] - 1]}`);
    });
    return parts.length > 0 ? parts.join(', ') : null;
  }

  /** The names of the action's values, in order (for traces and explanations). */
  get actionNames(): string[] {
    return [
      ...this.spec.venues.map((v) => `exposure(${v})`),
      ...this.spec.borrow.flatMap((b) => [`collateral(${b.protocol}.${b.collateral}/${b.debt})`, `borrowing(${b.protocol}.${b.collateral}/${b.debt})`]),
      ...(this.spec.borrow.length > 0 ? ['liquidate'] : []),
    ];
  }

  /** The assets of its wallet the observation shows: its capital, the gas asset, its positions' assets, its venues' assets. */
  private walletAssetIds(): string[] {
    const s = this.loaded.scenario;
    const venueAssets = this.spec.venues.flatMap((id) => {
      const v = s.venues.find((x) => x.id === id)!;
      return v.kind === 'stableswap' ? v.assets : [v.base, v.quote];
    });
    const ids = new Set([...Object.keys(this.spec.capital), s.chain.nativeAsset, ...this.spec.borrow.flatMap((b) => [b.collateral, b.debt]), ...venueAssets]);
    return s.assets.map((a) => a.id).filter((a) => ids.has(a));
  }

  protected agentFactory(): AgentFactory {
    return withControlledAgents((spec, ctx) => (spec.id === this.spec.id ? new ControlledTrader(this.spec, ctx) : undefined));
  }

  protected beginEpisode(w: World): void {
    this.trader = w.agents.find((a) => a.id === this.spec.id) as ControlledTrader;
    const ids = this.walletAssetIds();
    this.walletAssets = ids.map((a) => w.assetIds.indexOf(a));
    this.netWorthAtReset = this.netWorth();
    this.netWorthAtStart = this.netWorthAtReset;
    this.holdingsAtStart = this.holdings();
    this.shortfallAtStart = 0;
  }

  /** Wallet balances of the observed assets, then per position its collateral and debt tokens. */
  private holdings(): number[] {
    const w = this.world!;
    const t = this.trader!;
    const out = this.walletAssets.map((a) => w.ledger.balance(t.account, a));
    for (const p of t.positions) {
      const s = positionState(p);
      out.push(s.collateral, s.debt);
    }
    return out;
  }

  /**
   * What changed in its holdings over the interval, in words (`info.activity`, which `eval --trace`
   * lists): changes worth at least ACTIVITY_USD at reference prices, so that gas alone is not
   * activity. Null when nothing did.
   */
  private activity(): string | null {
    const w = this.world!;
    const now = this.holdings();
    const before = this.holdingsAtStart;
    this.holdingsAtStart = now;
    const parts: string[] = [];
    const change = (label: string, asset: number, k: number) => {
      const d = now[k] - before[k];
      if (Math.abs(d) * w.reference[asset] >= ACTIVITY_USD) parts.push(`${label} ${d > 0 ? '+' : '−'}${compact(Math.abs(d))} ${w.assetIds[asset]}`);
    };
    this.walletAssets.forEach((a, k) => change('wallet', a, k));
    this.trader!.positions.forEach((p, j) => {
      const s = positionState(p);
      const k = this.walletAssets.length + 2 * j;
      change('collateral', s.collateralAsset, k);
      change('debt', s.debtAsset, k + 1);
    });
    return parts.length > 0 ? parts.join(', ') : null;
  }

  /** Wallet and positions' equity at reference prices, USD (see the header). */
  netWorth(): number {
    const w = this.world!;
    const t = this.trader!;
    let usd = 0;
    for (let a = 0; a < w.assetIds.length; a++) usd += w.ledger.balance(t.account, a) * w.reference[a];
    for (const p of t.positions) usd += Math.max(0, this.equity(p.market, p.market.slotOf(p.position)));
    return usd;
  }

  private equity(m: ControlledTrader['positions'][number]['market'], i: number): number {
    const w = this.world!;
    const b = m.book;
    return b.collateral[i] * w.reference[m.reserves[b.collateralReserve[i]].asset] - m.debtTokens(i) * w.reference[m.reserves[b.debtReserve[i]].asset];
  }

  protected idle(): void {
    if (this.trader) this.trader.targets = null;
  }

  protected applyAction(action: Float32Array): void {
    const nvec = this.actionSpace.nvec;
    if (action.length !== nvec.length) throw new RangeError(`trader: expected an action of ${nvec.length} values, got ${action.length}`);
    for (let j = 0; j < nvec.length; j++) {
      const x = action[j];
      if (!(Number.isInteger(x) && x >= 0 && x < nvec[j])) throw new RangeError(`trader: action[${j}] must be an integer from 0 to ${nvec[j] - 1}, got ${x}`);
    }
    const level = (j: number) => (action[j] === 0 ? null : this.spec.levels[action[j] - 1]);
    const venues = this.spec.venues.length;
    const positions = this.spec.borrow.length;
    this.trader!.targets = {
      exposure: Array.from({ length: venues }, (_, v) => level(v)),
      collateral: Array.from({ length: positions }, (_, k) => level(venues + 2 * k)),
      borrowing: Array.from({ length: positions }, (_, k) => level(venues + 2 * k + 1)),
      liquidate: positions > 0 && action[venues + 2 * positions] === 1,
    };
  }

  /** What its positions owe beyond their collateral, USD at reference prices: the market's loss to it not (yet) booked as bad debt. */
  shortfall(): number {
    let usd = 0;
    for (const p of this.trader!.positions) usd += Math.max(0, -this.equity(p.market, p.market.slotOf(p.position)));
    return usd;
  }

  protected intervalReward(): { reward: number; info: Info } {
    const now = this.netWorth();
    const reward = now - this.netWorthAtStart;
    this.netWorthAtStart = now;
    const shortfall = this.shortfall();
    // the change, so that evaluations' sums over an episode give the shortfall left at its end
    const measures = { traderShortfallUsd: shortfall - this.shortfallAtStart };
    this.shortfallAtStart = shortfall;
    return { reward, info: { netWorthUsd: now, activity: this.activity(), measures } };
  }

  protected override ownTermination(): string | null {
    const now = this.netWorthAtStart;
    return now <= this.spec.ruin * this.netWorthAtReset
      ? `${this.spec.id}'s net worth fell to ${now.toPrecision(6)} USD (rl.trader.ruin ${this.spec.ruin} of ${this.netWorthAtReset.toPrecision(6)})`
      : null;
  }

  protected writeSelf(_k: number, out: Float32Array, offset: number): void {
    const w = this.world!;
    const t = this.trader!;
    let j = offset;
    for (const a of this.walletAssets) out[j++] = w.ledger.balance(t.account, a) * w.reference[a];
    t.venues.forEach((vi, v) => {
      const [first, second] = w.venues[vi].assets;
      out[j++] = (w.venues[vi].price(first, second) * w.reference[second]) / w.reference[first] - 1;
      out[j++] = t.exposure(w.view, v);
    });
    for (const p of t.positions) {
      const m = p.market;
      const s = positionState(p);
      const i = s.slot;
      const spendable = t.spendable(w.view, s.collateralAsset);
      out[j++] = s.collateral * w.reference[s.collateralAsset];
      out[j++] = s.debt * w.reference[s.debtAsset];
      out[j++] = m.borrowable(i) * w.reference[s.debtAsset];
      out[j++] = Math.min(HEALTH_CAP, m.healthFactor(i));
      out[j++] = m.price[m.book.collateralReserve[i]] / w.reference[s.collateralAsset] - 1;
      out[j++] = s.collateral + spendable > 0 ? s.collateral / (s.collateral + spendable) : 0;
      out[j++] = s.power > 0 ? Math.min(HEALTH_CAP, s.debt / s.power) : s.debt > 0 ? HEALTH_CAP : 0;
    }
    out[j++] = this.netWorthAtReset > 0 ? this.netWorth() / this.netWorthAtReset - 1 : 0;
    out[j++] = (w.steps - w.step) / w.steps;
  }
}

/** Per venue its price, ±2 % depth and first asset's reference price; per position its collateral's oracle, the debt's utilisation, the liquidatable debt; gas. */
function defaultFeatures(s: Scenario, t: TraderSpec): FeatureSpecInput[] {
  const out: FeatureSpecInput[] = [];
  for (const id of t.venues) {
    const v = s.venues.find((x) => x.id === id)!;
    const base = v.kind === 'stableswap' ? v.assets[0] : v.base;
    const quote = v.kind === 'stableswap' ? v.assets[1] : v.quote;
    out.push(
      { feature: 'venue-price', venue: id, base, quote },
      { feature: 'venue-depth', venue: id, base, quote },
      { feature: 'reference-price', asset: base, name: `reference-price(${base}) for ${id}` },
    );
  }
  for (const b of t.borrow) {
    const p = s.protocols.find((x) => x.id === b.protocol)!;
    if (p.kind !== 'lending') continue;
    const oracle = p.reserves.find((r) => r.asset === b.collateral)!.oracle;
    out.push({ feature: 'oracle-price', oracle, name: `oracle-price(${oracle}) for ${b.protocol}.${b.collateral}/${b.debt}` });
    out.push({ feature: 'utilisation', protocol: b.protocol, reserve: b.debt, name: `utilisation(${b.protocol}, ${b.debt}) for ${b.collateral}/${b.debt}` });
  }
  for (const id of [...new Set(t.borrow.map((b) => b.protocol))]) out.push({ feature: 'debt-near-liquidation', protocol: id, within: 0 });
  out.push({ feature: 'gas-price' });
  return out;
}

/** The registry's factory: `trader` on a scenario with `rl.trader`. */
export function traderEnv(config: EnvConfig): TraderEnv {
  return new TraderEnv(config);
}
