/**
 * Margin of an option account, by the two rules crypto venues publish. One contract is one unit
 * of the underlying; money is USD (the venue's settlement stablecoin at par); a position's size is
 * signed (+ long, − short).
 *
 * Standard margin, position by position (Deribit's rule for options, Knowledge Base "Inverse
 * Options", margin section, in force since 2020 and read in December 2026 through its
 * restatements: TSLab's "Deribit Margin Requirements Calculation" gives it in BTC per contract;
 * bit.com's "Margin Rules for USD Margined Options" gives the same rule in USD, with a worked
 * example, ETH-USDT-17NOV23-1850-P, that test/protocols/options/margin.test.ts checks). With S
 * the underlying's index price, K the strike and m the option's mark, per short contract:
 *
 *   short call  IM = max(0.15·S − OTM, 0.10·S) + m,                 OTM = max(K − S, 0)
 *               MM = 0.075·S + m
 *   short put   IM = max(max(0.15·S − OTM, 0.10·S) + m, MM),         OTM = max(S − K, 0)
 *               MM = max(0.075·S, 0.075·m) + m
 *   long        IM = MM = 0 (the premium was paid; the long's mark counts in equity)
 *
 * The published rule is in coin per coin-settled contract; dividing every USD term by S gives it
 * back, so one rule serves USD- and coin-margined accounts. The shares are parameters
 * (`StandardRule`) with Deribit's values as defaults.
 *
 * Portfolio margin, account as a whole (after Deribit's Segregated Portfolio Margin, Knowledge
 * Base "Portfolio Margin" and its API's `private/pme/simulate` parameters of June 2024: price
 * range ±16 % in 9 evenly spaced buckets, volatility range up 50 % and down 25 %, vega power 0.30
 * up to 30 days and 0.13 beyond, maintenance = 0.8 × initial; Lyra/Derive's scenario grids have the
 * same shape): every position and the coin collateral are revalued at each of the 9 spot moves
 * × 3 volatility moves (up, unchanged, down), at the same expiry and each option's current
 * implied volatility scaled by the move,
 *
 *   up    σ · (1 + volUp · (30/d)^p),   down  σ · max(0.01, 1 − volDown · (30/d)^p),
 *
 * with d the days to expiry (at least `minDays`, so hour-long options are not shocked without
 * bound) and p the short- or long-term power. IM = the largest loss over the 27 scenarios (0 if
 * none loses), MM = maintenanceFactor · IM. Deribit's extended table (far moves at a fraction of
 * their loss) and contingency add-ons are left out; the relative reading of the volatility range
 * is this implementation's (Deribit publishes the numbers, not the formula).
 *
 * An account is under maintenance when its equity (cash + coin · S + Σ size · mark) is below its
 * maintenance margin; Deribit's margin ratio is MM / equity.
 */
import { bsmPrice, type OptionType } from '../../models/options/blackScholes.js';

const DAYS_PER_YEAR = 365;

export interface StandardRule {
  /** Share of the underlying an initial margin starts from, less the OTM amount (0.15). */
  initial: number;
  /** Least share of the underlying in the initial margin (0.10). */
  initialFloor: number;
  /** Share of the underlying in the maintenance margin (0.075). */
  maintenance: number;
}

export const DERIBIT_STANDARD: StandardRule = { initial: 0.15, initialFloor: 0.1, maintenance: 0.075 };

export interface PortfolioGrid {
  /** Largest relative spot move, up and down (0.16). */
  priceRange: number;
  /** Spot buckets from −range to +range, evenly spaced, zero included when odd (9). */
  buckets: number;
  /** Relative volatility shock up and down at 30 days (0.5, 0.25). */
  volUp: number;
  volDown: number;
  /** Power of (30 / days) for expiries up to 30 days and beyond (0.3, 0.13). */
  shortTermPower: number;
  longTermPower: number;
  /** Days to expiry below which the shock stops growing (1). */
  minDays: number;
  /** MM = this × IM (0.8). */
  maintenanceFactor: number;
}

export const DERIBIT_PORTFOLIO: PortfolioGrid = {
  priceRange: 0.16,
  buckets: 9,
  volUp: 0.5,
  volDown: 0.25,
  shortTermPower: 0.3,
  longTermPower: 0.13,
  minDays: 1,
  maintenanceFactor: 0.8,
};

/** The relative spot move of bucket j. */
export function spotMove(grid: PortfolioGrid, j: number): number {
  return grid.buckets === 1 ? 0 : -grid.priceRange + (2 * grid.priceRange * j) / (grid.buckets - 1);
}

/** Number of scenarios: buckets × (up, unchanged, down). */
export function scenarioCount(grid: PortfolioGrid): number {
  return grid.buckets * 3;
}

/** Scenario j's spot move and volatility move (−1 down, 0 unchanged, +1 up). */
export function scenarioOf(grid: PortfolioGrid, j: number): { spotMove: number; vol: -1 | 0 | 1 } {
  const v = j % 3;
  return { spotMove: spotMove(grid, Math.floor(j / 3)), vol: v === 0 ? 1 : v === 1 ? 0 : -1 };
}

/** The factor scenario volatility move `vol` applies to an option with `years` to expiry. */
export function volFactor(grid: PortfolioGrid, vol: -1 | 0 | 1, years: number): number {
  if (vol === 0) return 1;
  const days = Math.max(grid.minDays, years * DAYS_PER_YEAR);
  const scale = (30 / days) ** (days <= 30 ? grid.shortTermPower : grid.longTermPower);
  return vol > 0 ? 1 + grid.volUp * scale : Math.max(0.01, 1 - grid.volDown * scale);
}

/** Short-contract initial margin by the standard rule, USD. */
export function shortInitialMargin(type: OptionType, spot: number, strike: number, mark: number, rule: StandardRule = DERIBIT_STANDARD): number {
  const otm = type === 'call' ? Math.max(strike - spot, 0) : Math.max(spot - strike, 0);
  const im = Math.max(rule.initial * spot - otm, rule.initialFloor * spot) + mark;
  return type === 'call' ? im : Math.max(im, shortMaintenanceMargin(type, spot, strike, mark, rule));
}

/** Short-contract maintenance margin by the standard rule, USD. */
export function shortMaintenanceMargin(type: OptionType, spot: number, _strike: number, mark: number, rule: StandardRule = DERIBIT_STANDARD): number {
  return type === 'call' ? rule.maintenance * spot + mark : Math.max(rule.maintenance * spot, rule.maintenance * mark) + mark;
}

/** Value of one contract: Black–Scholes before expiry, intrinsic value at and after it. */
export function contractValue(type: OptionType, spot: number, strike: number, years: number, rate: number, vol: number): number {
  if (!(years > 0)) return type === 'call' ? Math.max(spot - strike, 0) : Math.max(strike - spot, 0);
  return bsmPrice({ type, spot, strike, expiry: years, rate, vol });
}

/** One position of an account, with what its margin needs to know. */
export interface MarginPosition {
  type: OptionType;
  strike: number;
  /** Years to expiry (0 or less: expired, worth its intrinsic value). */
  expiry: number;
  /** Signed contracts: + long, − short. */
  size: number;
  /** Implied volatility the position is marked at. */
  vol: number;
}

export interface MarginAccount {
  /** Settlement cash, USD (may be negative: owed to the venue). */
  cash: number;
  /** Units of the underlying held as collateral. */
  coin: number;
  positions: MarginPosition[];
}

export interface MarginMarket {
  spot: number;
  rate: number;
}

export interface WorstScenario {
  index: number;
  spotMove: number;
  /** −1 down, 0 unchanged, +1 up. */
  vol: -1 | 0 | 1;
  /** Loss in that scenario, USD (negative: a gain). */
  loss: number;
}

export interface MarginResult {
  /** cash + coin · S + Σ size · mark. */
  equity: number;
  initial: number;
  maintenance: number;
  /** MM / equity (Deribit's margin ratio; Infinity when equity ≤ 0 and MM > 0). */
  marginRatio: number;
  /** Mark per position, in order. */
  marks: number[];
  /** Portfolio margin only. */
  worst?: WorstScenario;
}

/** Deribit's margin ratio MM / equity: 0 with no requirement, Infinity when equity is gone. */
export function marginRatio(maintenance: number, equity: number): number {
  if (maintenance <= 0) return 0;
  return equity > 0 ? maintenance / equity : Infinity;
}

/** Standard margin of a whole account (each position on its own). */
export function standardMargin(acct: MarginAccount, mkt: MarginMarket, rule: StandardRule = DERIBIT_STANDARD): MarginResult {
  const S = mkt.spot;
  let equity = acct.cash + acct.coin * S;
  let initial = 0;
  let maintenance = 0;
  const marks: number[] = [];
  for (const p of acct.positions) {
    const mark = contractValue(p.type, S, p.strike, p.expiry, mkt.rate, p.vol);
    marks.push(mark);
    equity += p.size * mark;
    if (p.size < 0) {
      initial += -p.size * shortInitialMargin(p.type, S, p.strike, mark, rule);
      maintenance += -p.size * shortMaintenanceMargin(p.type, S, p.strike, mark, rule);
    }
  }
  return { equity, initial, maintenance, marginRatio: marginRatio(maintenance, equity), marks };
}

/** Portfolio margin of a whole account: its worst loss over the grid. */
export function portfolioMargin(acct: MarginAccount, mkt: MarginMarket, grid: PortfolioGrid = DERIBIT_PORTFOLIO): MarginResult {
  const S = mkt.spot;
  const marks = acct.positions.map((p) => contractValue(p.type, S, p.strike, p.expiry, mkt.rate, p.vol));
  let equity = acct.cash + acct.coin * S;
  acct.positions.forEach((p, i) => (equity += p.size * marks[i]));
  let worst: WorstScenario = { index: -1, spotMove: 0, vol: 0, loss: -Infinity };
  for (let j = 0; j < scenarioCount(grid); j++) {
    const sc = scenarioOf(grid, j);
    const S1 = S * (1 + sc.spotMove);
    let pnl = acct.coin * (S1 - S);
    acct.positions.forEach((p, i) => {
      const v = contractValue(p.type, S1, p.strike, p.expiry, mkt.rate, p.vol * volFactor(grid, sc.vol, p.expiry));
      pnl += p.size * (v - marks[i]);
    });
    if (-pnl > worst.loss) worst = { index: j, spotMove: sc.spotMove, vol: sc.vol, loss: -pnl };
  }
  const initial = Math.max(0, worst.loss);
  const maintenance = grid.maintenanceFactor * initial;
  return { equity, initial, maintenance, marginRatio: marginRatio(maintenance, equity), marks, worst };
}
