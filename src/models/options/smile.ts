/**
 * A model's volatility smile: price European options across strikes under a model that is not
 * Black–Scholes (GARCH by Monte Carlo, Heston–Nandi by its closed form) and read each price back as
 * a Black–Scholes implied volatility. A flat line would mean the model agrees with Black–Scholes;
 * fat tails lift the wings, asymmetry (GJR's γ, HN's γ) tilts them.
 *
 * Each strike is priced with its out-of-the-money option (a put below the forward, a call above),
 * whose price carries the most information about the tail it looks at; by put–call parity both give
 * the same implied volatility in a model free of arbitrage. The Monte Carlo standard error of a
 * price maps to one of the implied volatility by the Black–Scholes vega at that volatility
 * (a first-order delta method). All strikes use the same simulated paths, so the smile's shape is
 * not blurred by independent noise at each strike.
 */
import { bsm, type OptionType } from './blackScholes.js';
import { priceFromTerminal, simulateRiskNeutralGarch, type GarchMarket, type GarchMcOptions, type GarchPricingModel } from './garchMc.js';
import { hestonNandiPrice, type HestonNandiParams } from './hestonNandi.js';
import { impliedVol } from './impliedVol.js';

export interface SmilePoint {
  strike: number;
  /** K / F, F = S e^{rT} the forward. */
  moneyness: number;
  /** The out-of-the-money option priced at this strike. */
  type: OptionType;
  price: number;
  /** Standard error of the price (0 for a closed form). */
  stderr: number;
  /** Black–Scholes implied volatility of the price, or null when the price has none. */
  iv: number | null;
  /** Standard error of the implied volatility (delta method), null without one. */
  ivStderr: number | null;
  /** Why iv is null (a price at its no-arbitrage bound: too few paths reach this strike). */
  note?: string;
}

export interface SmileMarket {
  spot: number;
  expiry: number;
  rate: number;
}

function forwardOf(m: SmileMarket): number {
  return m.spot * Math.exp(m.rate * m.expiry);
}

/** Strikes at the given multiples of the forward. */
export function strikesAt(m: SmileMarket, moneyness: readonly number[]): number[] {
  const F = forwardOf(m);
  return moneyness.map((k) => k * F);
}

/** Implied volatilities of model prices, strike by strike. */
export function smileFromPrices(m: SmileMarket, priced: { strike: number; type: OptionType; price: number; stderr: number }[]): SmilePoint[] {
  const F = forwardOf(m);
  return priced.map(({ strike, type, price, stderr }) => {
    const point: SmilePoint = { strike, moneyness: strike / F, type, price, stderr, iv: null, ivStderr: null };
    try {
      const iv = impliedVol({ type, price, spot: m.spot, strike, expiry: m.expiry, rate: m.rate });
      point.iv = iv;
      const vega = bsm({ type, spot: m.spot, strike, expiry: m.expiry, rate: m.rate, vol: iv }).vega;
      // a closed form has no sampling error: no standard error rather than a zero one
      point.ivStderr = stderr > 0 ? stderr / vega : null;
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      point.note = err.message;
    }
    return point;
  });
}

const otmType = (m: SmileMarket, strike: number): OptionType => (strike < forwardOf(m) ? 'put' : 'call');

/** The smile of a GARCH model (models/garch.ts) priced by Monte Carlo under Duan's LRNVR. */
export function garchSmile(model: GarchPricingModel, market: GarchMarket, strikes: readonly number[], opts: GarchMcOptions): { points: SmilePoint[]; cappedPaths: number } {
  const { terminal, cappedPaths } = simulateRiskNeutralGarch(model, market, opts);
  const discount = Math.exp(-market.rate * market.expiry);
  const priced = strikes.map((strike) => {
    const type = otmType(market, strike);
    return { strike, type, ...priceFromTerminal(terminal, type, strike, discount) };
  });
  return { points: smileFromPrices(market, priced), cappedPaths };
}

/** The smile of a Heston–Nandi model by its closed form. */
export function hestonNandiSmile(params: HestonNandiParams, market: SmileMarket & { variance: number; periodsPerYear?: number }, strikes: readonly number[]): SmilePoint[] {
  const priced = strikes.map((strike) => {
    const type = otmType(market, strike);
    return { strike, type, price: hestonNandiPrice({ ...market, type, strike }, params), stderr: 0 };
  });
  return smileFromPrices(market, priced);
}
