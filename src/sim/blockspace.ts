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
  /**
   * Transactions that happen in the step [now, end), in the order they are settled. The entries
   * may be the blockspace's own, reused by the next call (InstantInclusion's are): read them
   * before including the next step.
   */
  include(now: number, end: number): Inclusion[];
  readonly stats: InclusionStats;
  /** A gas spike: background demand × factor for start ≤ t < end (ignored without congestion). */
  addSpike(factor: number, start: number, end: number): void;
}

/** Distinct bids in a step beyond which inclusion falls back to a comparison sort. */
const MAX_DISTINCT_BIDS = 32;

export class InstantInclusion implements Blockspace {
  readonly blocks = false;
  private pending: Transaction[] = [];
  private pendingCount = 0;
  /**
   * The entries `include` returns, kept from step to step: a crash settles thousands of
   * transactions a step, and a new entry for each was a good part of the garbage the step loop
   * made. An entry is valid until the next `include`.
   */
  private readonly entries: Inclusion[] = [];
  /** Per pending transaction, which of the step's distinct bids it made (an index into `bids`). */
  private rank = new Int32Array(64);
  private readonly bids = new Float64Array(MAX_DISTINCT_BIDS);
  /** Per distinct bid: its transactions, and where their run starts in inclusion order. */
  private readonly counts = new Int32Array(MAX_DISTINCT_BIDS);
  private readonly starts = new Int32Array(MAX_DISTINCT_BIDS);
  readonly stats: InclusionStats = { blocks: 0, included: 0, expired: 0, pending: 0, utilisation: 0, totalBlocks: 0, totalIncluded: 0, totalExpired: 0 };

  constructor(readonly gasPrice: number) {}

  submit(tx: Transaction): void {
    if (this.pendingCount < this.pending.length) this.pending[this.pendingCount] = tx;
    else this.pending.push(tx);
    this.pendingCount++;
  }

  /**
   * Highest fee bid first, equal bids in submission order: a stable sort by bid. A step's bids take
   * a handful of values (each agent bids by its own rule), so the transactions are placed by a
   * counting sort over the distinct bids, without a comparison call per pair; with many distinct
   * bids, or a bid that is not a finite number, Array.prototype.sort (stable) orders them as before.
   */
  include(now: number): Inclusion[] {
    const n = this.pendingCount;
    const txs = this.pending;
    const entries = this.entries;
    this.pendingCount = 0;
    this.stats.included = n;
    this.stats.totalIncluded += n;
    while (entries.length < n) entries.push({ tx: txs[entries.length], time: now, gasPrice: 0 });
    const out = new Array<Inclusion>(n);
    if (this.rankByBid(txs, n)) {
      const rank = this.rank;
      const next = this.starts;
      for (let k = 0; k < n; k++) {
        const at = next[rank[k]]++;
        out[at] = this.fill(entries[at], txs[k], now);
      }
    } else {
      const sorted = txs.slice(0, n).sort((a, b) => b.gasPrice - a.gasPrice);
      for (let k = 0; k < n; k++) out[k] = this.fill(entries[k], sorted[k], now);
    }
    // the pending list keeps its storage but lets go of the transactions
    txs.fill(undefined as unknown as Transaction, 0, n);
    return out;
  }

  private fill(entry: Inclusion, tx: Transaction, now: number): Inclusion {
    entry.tx = tx;
    entry.time = now;
    entry.gasPrice = tx.gasPrice;
    return entry;
  }

  /**
   * Ranks the first n pending transactions' bids among the distinct bids (`rank`) and leaves in
   * `starts[r]` where the run of bid r begins in inclusion order; false when the bids are too many
   * or not all finite numbers.
   */
  private rankByBid(txs: Transaction[], n: number): boolean {
    const bids = this.bids;
    let d = 0;
    if (this.rank.length < n) this.rank = new Int32Array(Math.max(n, 2 * this.rank.length));
    const rank = this.rank;
    for (let k = 0; k < n; k++) {
      const g = txs[k].gasPrice;
      let r = 0;
      while (r < d && bids[r] !== g) r++;
      if (r === d) {
        if (!Number.isFinite(g) || d === MAX_DISTINCT_BIDS) return false;
        bids[d++] = g;
      }
      rank[k] = r;
    }
    const count = this.counts;
    const starts = this.starts;
    count.fill(0);
    for (let k = 0; k < n; k++) count[rank[k]]++;
    // a run starts after every run of a higher bid
    for (let r = 0; r < d; r++) {
      let before = 0;
      for (let o = 0; o < d; o++) if (bids[o] > bids[r]) before += count[o];
      starts[r] = before;
    }
    return true;
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
