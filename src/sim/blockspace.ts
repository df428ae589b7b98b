/**
 * How agents' transactions get into the world: the step loop's `chain.beginBlock` and
 * `chain.include`. Two implementations behind one interface:
 *
 *  - `InstantInclusion` (no `chain.blockTime`/`gasLimit` in the scenario): every transaction
 *    submitted in a step is included in that step, highest fee bid first (submission order
 *    breaks ties), at the scenario's constant gas price.
 *  - `BlockInclusion`: a chain of blocks (protocols/chain/chain.ts: EIP-1559 base fee, gas limit,
 *    optional background congestion and gas spikes). An agent's fee bid g becomes a legacy-style
 *    transaction, maxFeePerGas = priorityFee = g, so it pays exactly g when included and cannot
 *    be included while the base fee is above g. Transactions wait in the mempool across steps;
 *    a sender's new transaction about the same thing (same `transactionKey`) replaces its
 *    pending one; what is not included within `chain.expiry` is dropped and never happens. The
 *    blocks with times in [t, t + dt) are produced at the end of step t and their transactions
 *    are settled in block order, each at its block's time.
 *
 * Agents that pay their gas outside the modelled world (borrowers' top-ups, LPs; gas 0) still
 * need block space: they occupy `OFF_LEDGER_GAS` gas units and are charged nothing.
 */
import { Chain } from '../protocols/chain/chain.js';
import { FirstPriceBackground } from '../protocols/chain/firstPrice.js';
import type { GasPriceSeries } from '../protocols/chain/gasPriceSeries.js';
import type { ChainSpec } from '../scenario/schema.js';
import type { Rng } from '../util/rng.js';
import type { Transaction } from './transactions.js';

/** Block space taken by a transaction whose gas is paid outside the world. */
export const OFF_LEDGER_GAS = 100_000;

export interface Inclusion {
  tx: Transaction;
  /** Time (seconds) it is settled at: its block's time, or the step's time without blocks. */
  time: number;
  /** Gas price paid, gwei per gas. */
  gasPrice: number;
}

export interface InclusionStats {
  blocks: number;
  included: number;
  expired: number;
  /** Transactions waiting at the end of the step. */
  pending: number;
  /** Gas used by all transactions (simulated and background) / gas limit, over this step's blocks. */
  utilisation: number;
  /** Since the start: blocks produced, agents' transactions included and dropped unincluded. */
  totalBlocks: number;
  totalIncluded: number;
  totalExpired: number;
}

export interface Blockspace {
  /** True when blocks, a mempool and expiry are modelled. */
  readonly blocks: boolean;
  /** The gas price an agent sees this step (gwei): the base fee of the next block. */
  readonly gasPrice: number;
  submit(tx: Transaction, now: number): void;
  /** Transactions that happen in the step [now, end), in the order they are settled. */
  include(now: number, end: number): Inclusion[];
  readonly stats: InclusionStats;
  /** A gas spike: background demand × factor for start ≤ t < end (ignored without congestion). */
  addSpike(factor: number, start: number, end: number): void;
}

export class InstantInclusion implements Blockspace {
  readonly blocks = false;
  private pending: Transaction[] = [];
  readonly stats: InclusionStats = { blocks: 0, included: 0, expired: 0, pending: 0, utilisation: 0, totalBlocks: 0, totalIncluded: 0, totalExpired: 0 };

  constructor(readonly gasPrice: number) {}

  submit(tx: Transaction): void {
    this.pending.push(tx);
  }

  /** Highest fee bid first; Array.prototype.sort is stable, so equal bids keep submission order. */
  include(now: number): Inclusion[] {
    const txs = this.pending.sort((a, b) => b.gasPrice - a.gasPrice);
    this.pending = [];
    this.stats.included = txs.length;
    this.stats.totalIncluded += txs.length;
    return txs.map((tx) => ({ tx, time: now, gasPrice: tx.gasPrice }));
  }

  addSpike(): void {}
}

export class BlockInclusion implements Blockspace {
  readonly blocks = true;
  private readonly chain: Chain<Transaction>;
  private nextId = 1;
  /** Pending transaction id by transaction key. */
  private readonly byKey = new Map<string, number>();
  private readonly keyOf = new Map<number, string>();
  /** The first-price market's background (absent under EIP-1559). */
  private readonly firstPrice?: FirstPriceBackground;
  readonly stats: InclusionStats = { blocks: 0, included: 0, expired: 0, pending: 0, utilisation: 0, totalBlocks: 0, totalIncluded: 0, totalExpired: 0 };

  constructor(
    private readonly spec: ChainSpec,
    rng: Rng,
    /** What a transaction is about (transactions.ts `transactionKey`, bound to the world's protocols). */
    private readonly keyFor: (tx: Transaction) => string,
    /** First-price market: the background's mined gas prices (null with congestion off). */
    gasPrices?: GasPriceSeries | null,
  ) {
    const c = spec.congestion;
    if (spec.feeMarket === 'first-price') {
      this.firstPrice = new FirstPriceBackground(c?.enabled ? (gasPrices ?? null) : null, spec.gasPrice, c?.suggestedQuantile);
      this.chain = new Chain<Transaction>({ blockTime: spec.blockTime!, gasLimit: spec.gasLimit!, initialBaseFee: 0, firstBlockTime: 0, firstPrice: this.firstPrice }, rng);
      return;
    }
    this.chain = new Chain<Transaction>(
      {
        blockTime: spec.blockTime!,
        gasLimit: spec.gasLimit!,
        initialBaseFee: spec.gasPrice,
        // the first block at time 0, so transactions of the first step can be in it
        firstBlockTime: 0,
        congestion: c?.enabled
          ? {
              meanLogDemand: c.meanLogDemand,
              reversionRate: c.reversionRate,
              volatility: c.volatility,
              referenceBaseFee: c.referenceBaseFee ?? spec.gasPrice,
              elasticity: c.elasticity,
              tipScale: c.tipScale,
            }
          : undefined,
      },
      rng,
    );
  }

  get gasPrice(): number {
    return this.chain.gasPrice;
  }

  submit(tx: Transaction, now: number): void {
    const key = this.keyFor(tx);
    const previous = this.byKey.get(key);
    if (previous !== undefined) {
      this.chain.cancel(previous);
      this.keyOf.delete(previous);
    }
    const id = this.nextId++;
    const bid = Math.max(0, tx.gasPrice);
    this.chain.submit({
      id,
      sender: String(tx.sender),
      gasUsed: tx.gas > 0 ? tx.gas : OFF_LEDGER_GAS,
      maxFeePerGas: bid,
      priorityFee: bid,
      submittedAt: now,
      expiresAt: now + (this.spec.expiry ?? 1800),
      payload: tx,
    });
    this.byKey.set(key, id);
    this.keyOf.set(id, key);
  }

  private forget(id: number): void {
    const key = this.keyOf.get(id);
    if (key === undefined) return;
    this.keyOf.delete(id);
    if (this.byKey.get(key) === id) this.byKey.delete(key);
  }

  include(_now: number, end: number): Inclusion[] {
    const out: Inclusion[] = [];
    const s = this.stats;
    s.blocks = 0;
    s.included = 0;
    s.expired = 0;
    let used = 0;
    let capacity = 0;
    // blocks strictly before `end`: a block at `end` belongs to the next step
    for (const block of this.chain.produceBlocksThrough(end - 1e-9 * Math.max(1, end))) {
      s.blocks++;
      used += block.gasUsed;
      capacity += block.capacity;
      for (const tx of block.expired) {
        this.forget(tx.id as number);
        s.expired++;
      }
      for (const inc of block.included) {
        this.forget(inc.tx.id as number);
        out.push({ tx: inc.tx.payload, time: inc.blockTime, gasPrice: inc.gasPrice });
        s.included++;
      }
    }
    s.pending = this.chain.mempool.size;
    s.utilisation = capacity > 0 ? used / capacity : 0;
    s.totalBlocks += s.blocks;
    s.totalIncluded += s.included;
    s.totalExpired += s.expired;
    return out;
  }

  addSpike(factor: number, start: number, end: number): void {
    if (this.firstPrice) this.firstPrice.addSpike({ factor, start, end });
    else if (this.chain.congestion) this.chain.addSpike({ factor, start, end });
  }
}

export function createBlockspace(spec: ChainSpec, rng: Rng, keyOf: (tx: Transaction) => string, gasPrices?: GasPriceSeries | null): Blockspace {
  return spec.blockTime !== undefined && spec.gasLimit !== undefined ? new BlockInclusion(spec, rng, keyOf, gasPrices) : new InstantInclusion(spec.gasPrice);
}
