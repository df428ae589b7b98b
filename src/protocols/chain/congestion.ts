/**
 * Exogenous gas demand: the rest of Ethereum, whose transactions fill blocks before and
 * around the simulated agents' ones.
 *
 * Model. Background demand for a block, in gas, at base fee b and time t is
 *     G(b, t) = target × exp(x_t) × m(t) × (b / b_ref)^(−ε)
 *  - x_t, the log demand at the reference base fee relative to the gas target, is an
 *    Ornstein–Uhlenbeck process dx = κ(μ − x)dt + σ dW, stepped with its exact Gaussian
 *    transition (Uhlenbeck & Ornstein 1930; e.g. Gillespie 1996, Am. J. Phys. 64, 225):
 *      x_{t+Δ} = μ + (x_t − μ)e^{−κΔ} + σ √((1 − e^{−2κΔ}) / (2κ)) Z;
 *  - m(t) ≥ 0 is the product of the active gas-spike multipliers (a scenario's "demand × k
 *    for a duration");
 *  - ε ≥ 0 is the price elasticity of demand: users priced out by the base fee stay away.
 * Under the EIP-1559 rule the base fee settles where G = target, i.e. at
 *     b* = b_ref × (exp(x) m)^{1/ε},
 * so a spike of k raises the settled base fee by k^{1/ε}; while it climbs (12.5 % a block at most)
 * blocks run full and only high tips get in.
 *
 * Tips. Background transactions bid priority fees exponentially distributed with mean
 * `tipScale` gwei, so the background gas bidding more than f is G × exp(−f / tipScale). A simulated
 * transaction with tip f queues behind that much background gas (mempool.ts).
 *
 * Unserved background demand does not carry over to the next block (it is a flow, not a queue):
 * stated simplification.
 */

import type { Rng } from '../../util/rng.js';
import type { BackgroundLoad } from './mempool.js';

export interface CongestionParams {
  /** μ: long-run mean of log(demand / gas target) at the reference base fee (0: demand = target). */
  meanLogDemand: number;
  /** κ: mean-reversion rate per second (half-life ln 2 / κ). */
  reversionRate: number;
  /** σ: volatility of the log demand per √second. */
  volatility: number;
  /** b_ref: base fee (gwei) at which demand equals exp(x) × target. */
  referenceBaseFee: number;
  /** ε: price elasticity of background demand to the base fee. */
  elasticity: number;
  /** Mean of the background priority fees (gwei). */
  tipScale: number;
  /** x at time 0; μ if omitted. */
  initialLogDemand?: number;
}

export interface GasSpike {
  /** Demand multiplier k while active. */
  factor: number;
  /** Active for start ≤ t < end (seconds). */
  start: number;
  end: number;
}

/** Below this base fee (gwei) demand is evaluated at the floor, so a zero base fee stays finite. */
const MIN_FEE_FOR_DEMAND = 1e-9;

export class CongestionProcess {
  private x: number;
  private spikes: GasSpike[] = [];

  constructor(
    readonly params: CongestionParams,
    private readonly rng: Rng,
  ) {
    if (!(params.reversionRate >= 0)) throw new RangeError('reversionRate must be non-negative');
    if (!(params.volatility >= 0)) throw new RangeError('volatility must be non-negative');
    if (!(params.referenceBaseFee > 0)) throw new RangeError('referenceBaseFee must be positive');
    if (!(params.elasticity >= 0)) throw new RangeError('elasticity must be non-negative');
    if (!(params.tipScale > 0)) throw new RangeError('tipScale must be positive');
    this.x = params.initialLogDemand ?? params.meanLogDemand;
  }

  /** Current log demand x_t. */
  get logDemand(): number {
    return this.x;
  }

  /** Move the log demand forward by `dt` seconds (exact OU transition; κ = 0 is a random walk). */
  advance(dt: number): void {
    if (dt <= 0) return;
    const { meanLogDemand: mu, reversionRate: k, volatility: s } = this.params;
    if (k === 0) {
      this.x += s === 0 ? 0 : s * Math.sqrt(dt) * this.rng.normal();
      return;
    }
    const decay = Math.exp(-k * dt);
    const sd = s * Math.sqrt((1 - decay * decay) / (2 * k));
    this.x = mu + (this.x - mu) * decay + (sd === 0 ? 0 : sd * this.rng.normal());
  }

  /** A gas spike: demand × factor for start ≤ t < end. Overlapping spikes multiply. */
  addSpike(spike: GasSpike): void {
    if (!(spike.factor >= 0)) throw new RangeError('spike factor must be non-negative');
    if (!(spike.end > spike.start)) throw new RangeError('spike end must be after its start');
    this.spikes.push(spike);
  }

  multiplierAt(t: number): number {
    let m = 1;
    for (const s of this.spikes) if (t >= s.start && t < s.end) m *= s.factor;
    return m;
  }

  /** Background gas demand G(b, t) for a block with gas target `target`. */
  demand(baseFee: number, t: number, target: number): number {
    const { referenceBaseFee: ref, elasticity: e } = this.params;
    const priceFactor = e === 0 ? 1 : Math.pow(Math.max(baseFee, MIN_FEE_FOR_DEMAND) / ref, -e);
    return target * Math.exp(this.x) * this.multiplierAt(t) * priceFactor;
  }

  /** The background load of a block, for Mempool.fill. */
  load(baseFee: number, t: number, target: number): BackgroundLoad {
    const gas = this.demand(baseFee, t, target);
    const scale = this.params.tipScale;
    return { gas, gasAhead: (tip: number) => (tip <= 0 ? gas : gas * Math.exp(-tip / scale)) };
  }

  /** Base fee at which demand equals the target with the current x and multiplier m (closed form). */
  settledBaseFee(t: number): number {
    const { referenceBaseFee: ref, elasticity: e } = this.params;
    if (e === 0) return Number.POSITIVE_INFINITY;
    return ref * Math.pow(Math.exp(this.x) * this.multiplierAt(t), 1 / e);
  }
}
