/**
 * A chain of blocks: fixed block time, a gas limit, the EIP-1559 base fee (baseFee.ts), a
 * mempool that includes by tip (mempool.ts) and optional background demand (congestion.ts).
 * The simulator submits transactions and asks for the blocks up to its current time; what a
 * block includes happens, what expires never does.
 *
 * Reference: EIP-1559 (Buterin et al. 2019) for the fee rule; block production itself is
 * the plain "one block every blockTime seconds" of post-merge Ethereum (12 s slots; ~13 s
 * average proof-of-work block time in March 2020).
 */

import type { Rng } from '../../util/rng.js';
import { BASE_FEE_MAX_CHANGE_DENOMINATOR, ELASTICITY_MULTIPLIER, gasTarget, nextBaseFee } from './baseFee.js';
import { CongestionProcess, type CongestionParams, type GasSpike } from './congestion.js';
import { Mempool, type BlockFill, type Transaction, type TxId } from './mempool.js';
import type { FirstPriceBackground } from './firstPrice.js';

export interface ChainParams {
  /** Seconds between blocks. */
  blockTime: number;
  /** Gas limit (capacity) of a block. */
  gasLimit: number;
  /** Base fee of the first block (gwei). */
  initialBaseFee: number;
  /** Time of the first block (seconds); blockTime if omitted. */
  firstBlockTime?: number;
  /** EIP-1559 elasticity multiplier (2). */
  elasticity?: number;
  /** EIP-1559 max change denominator (8). */
  maxChangeDenominator?: number;
  /** Background demand; none when omitted (an uncongested chain with only simulated traffic). */
  congestion?: CongestionParams;
  /**
   * The first-price (pre-London) fee market instead of EIP-1559 (firstPrice.ts): no base fee, each
   * transaction pays its bid, the background of this object fills blocks; `congestion` is unused.
   */
  firstPrice?: FirstPriceBackground;
}

export interface BlockResult<P = unknown> extends BlockFill<P> {
  number: number;
  time: number;
  capacity: number;
  baseFee: number;
  /** Base fee of the following block. */
  nextBaseFee: number;
  /** Background gas demand offered to this block (before capacity). */
  backgroundDemand: number;
}

export class Chain<P = unknown> {
  readonly mempool = new Mempool<P>();
  readonly congestion: CongestionProcess | null;
  private base: number;
  private nextTime: number;
  private nextNumber = 1;
  private readonly target: number;
  private readonly denominator: number;

  constructor(
    readonly params: ChainParams,
    rng: Rng,
  ) {
    if (!(params.blockTime > 0)) throw new RangeError('blockTime must be positive');
    if (!(params.gasLimit > 0)) throw new RangeError('gasLimit must be positive');
    if (!(params.initialBaseFee >= 0)) throw new RangeError('initialBaseFee must be non-negative');
    this.base = params.initialBaseFee;
    this.nextTime = params.firstBlockTime ?? params.blockTime;
    this.target = gasTarget(params.gasLimit, params.elasticity ?? ELASTICITY_MULTIPLIER);
    this.denominator = params.maxChangeDenominator ?? BASE_FEE_MAX_CHANGE_DENOMINATOR;
    this.congestion = params.congestion ? new CongestionProcess(params.congestion, rng) : null;
  }

  /** Base fee (gwei) the next block will charge (0 in the first-price market). */
  get baseFee(): number {
    return this.params.firstPrice ? 0 : this.base;
  }

  /** The gas price an agent sees (gwei): the next base fee, or in the first-price market the suggested bid. */
  get gasPrice(): number {
    const fp = this.params.firstPrice;
    return fp ? fp.suggested(this.nextTime) : this.base;
  }

  get nextBlockTime(): number {
    return this.nextTime;
  }

  get nextBlockNumber(): number {
    return this.nextNumber;
  }

  get gasTarget(): number {
    return this.target;
  }

  submit(tx: Transaction<P>): void {
    this.mempool.submit(tx);
  }

  cancel(id: TxId): boolean {
    return this.mempool.cancel(id);
  }

  /** A gas spike: background demand × factor for start ≤ t < end. Needs a congestion process. */
  addSpike(spike: GasSpike): void {
    if (!this.congestion) throw new RangeError('a gas spike needs chain congestion to be configured');
    this.congestion.addSpike(spike);
  }

  /** Produce the next block. */
  produceBlock(): BlockResult<P> {
    if (this.params.firstPrice) return this.produceFirstPriceBlock(this.params.firstPrice);
    const time = this.nextTime;
    const number = this.nextNumber;
    const baseFee = this.base;
    const capacity = this.params.gasLimit;
    const load = this.congestion ? this.congestion.load(baseFee, time, this.target) : undefined;
    const fill = this.mempool.fill({ number, time, capacity, baseFee }, load);
    const next = nextBaseFee(baseFee, fill.gasUsed, this.target, this.denominator);
    this.base = next;
    this.nextTime = time + this.params.blockTime;
    this.nextNumber = number + 1;
    this.congestion?.advance(this.params.blockTime);
    return { ...fill, number, time, capacity, baseFee, nextBaseFee: next, backgroundDemand: load?.gas ?? 0 };
  }

  /** A block of the first-price market: filled by bid after the background that outbids each transaction. */
  private produceFirstPriceBlock(fp: FirstPriceBackground): BlockResult<P> {
    const time = this.nextTime;
    const number = this.nextNumber;
    const capacity = this.params.gasLimit;
    const load = fp.load(time, capacity);
    const fill = this.mempool.fill({ number, time, capacity, baseFee: 0 }, load);
    this.nextTime = time + this.params.blockTime;
    this.nextNumber = number + 1;
    return { ...fill, number, time, capacity, baseFee: 0, nextBaseFee: 0, backgroundDemand: load?.gas ?? 0 };
  }

  /** Produce every block with time ≤ t, in order. */
  produceBlocksThrough(t: number): BlockResult<P>[] {
    const out: BlockResult<P>[] = [];
    while (this.nextTime <= t) out.push(this.produceBlock());
    return out;
  }
}
