/**
 * A mempool and the block builder that empties it: transactions wait until a block includes
 * them, by fee, up to the block's gas capacity, or until they expire.
 *
 * Rules (EIP-1559, "Specification"; the ordering is the usual miner/builder policy of
 * maximising tips):
 *  - a transaction is eligible in a block at time T when submittedAt ≤ T < expiresAt and
 *    maxFeePerGas ≥ the block's base fee;
 *  - eligible transactions are taken in order of effective priority fee
 *    min(priorityFee, maxFeePerGas − baseFee), highest first; ties go to the earlier
 *    submission, then to the smaller id, so a block is a pure function of the pool;
 *  - a transaction that does not fit in the space left is skipped and a smaller one after it
 *    may still fit (greedy packing, as builders do);
 *  - transactions with expiresAt ≤ T are dropped before the block is built and reported;
 *  - exogenous "background" gas (the rest of Ethereum, see congestion.ts) competes on the same
 *    tip ladder: a transaction with tip f finds `background.gasAhead(f)` gas already ahead of it.
 *
 * The price paid per gas is base fee + effective priority fee (gwei); the fee in the native
 * asset is gasUsed × that × 1e-9. The base fee is burnt and the tip goes to the block producer;
 * this module only reports the amounts.
 */

import { effectivePriorityFee, GWEI } from './baseFee.js';

export type TxId = string | number;

export interface Transaction<P = unknown> {
  id: TxId;
  sender: string;
  /** Gas the transaction consumes when included. */
  gasUsed: number;
  /** Highest total price per gas the sender accepts (gwei). */
  maxFeePerGas: number;
  /** Tip per gas offered to the block producer (gwei). */
  priorityFee: number;
  /** Time it enters the mempool (seconds). */
  submittedAt: number;
  /** First time at which it can no longer be included (seconds); Infinity for never. */
  expiresAt: number;
  /** What the transaction does; the mempool never looks inside. */
  payload: P;
}

export interface Inclusion<P = unknown> {
  tx: Transaction<P>;
  blockNumber: number;
  blockTime: number;
  /** Effective priority fee paid (gwei). */
  priorityFee: number;
  /** Base fee + effective priority fee (gwei per gas). */
  gasPrice: number;
  /** gasUsed × gasPrice × 1e-9, in the native asset. */
  feeNative: number;
  /** Position in the block among the simulated transactions (0 = first). */
  position: number;
}

/** Gas demand from outside the simulation, ordered on the same tip ladder as the pool. */
export interface BackgroundLoad {
  /** Total background gas that wants into this block at its base fee. */
  gas: number;
  /** Background gas bidding a tip strictly above `priorityFee` (non-increasing in it, ≤ gas). */
  gasAhead(priorityFee: number): number;
}

export interface BlockSpec {
  number: number;
  time: number;
  /** Gas limit of the block. */
  capacity: number;
  /** Base fee (gwei). */
  baseFee: number;
}

export interface BlockFill<P = unknown> {
  included: Inclusion<P>[];
  expired: Transaction<P>[];
  /** Gas used by the simulated transactions. */
  poolGas: number;
  /** Gas used by background demand. */
  backgroundGas: number;
  /** poolGas + backgroundGas ≤ capacity. */
  gasUsed: number;
}

function compareIds(a: TxId, b: TxId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export class Mempool<P = unknown> {
  private txs: Transaction<P>[] = [];
  private ids = new Set<TxId>();

  get size(): number {
    return this.txs.length;
  }

  /** Transactions waiting, in submission order. */
  pending(): readonly Transaction<P>[] {
    return this.txs;
  }

  has(id: TxId): boolean {
    return this.ids.has(id);
  }

  submit(tx: Transaction<P>): void {
    if (this.ids.has(tx.id)) throw new RangeError(`transaction id ${String(tx.id)} is already in the mempool`);
    if (!(tx.gasUsed > 0)) throw new RangeError(`transaction ${String(tx.id)}: gasUsed must be positive`);
    if (!(tx.maxFeePerGas >= 0) || !(tx.priorityFee >= 0)) throw new RangeError(`transaction ${String(tx.id)}: fees must be non-negative`);
    if (tx.priorityFee > tx.maxFeePerGas) throw new RangeError(`transaction ${String(tx.id)}: priorityFee exceeds maxFeePerGas (EIP-1559 rejects it)`);
    if (!(tx.expiresAt > tx.submittedAt)) throw new RangeError(`transaction ${String(tx.id)}: expiresAt must be after submittedAt`);
    this.txs.push(tx);
    this.ids.add(tx.id);
  }

  /** Withdraw a pending transaction (a sender replacing or abandoning it); false if unknown. */
  cancel(id: TxId): boolean {
    if (!this.ids.has(id)) return false;
    this.txs = this.txs.filter((t) => t.id !== id);
    this.ids.delete(id);
    return true;
  }

  /**
   * Build one block: drop what expired, include eligible transactions by effective tip up to
   * capacity (after the background gas ahead of each), keep the rest waiting.
   */
  fill(block: BlockSpec, background?: BackgroundLoad): BlockFill<P> {
    const { time, baseFee, capacity } = block;
    const expired: Transaction<P>[] = [];
    const live: Transaction<P>[] = [];
    for (const tx of this.txs) {
      if (tx.expiresAt <= time) {
        expired.push(tx);
        this.ids.delete(tx.id);
      } else live.push(tx);
    }

    const candidates: { tx: Transaction<P>; tip: number }[] = [];
    for (const tx of live) {
      if (tx.submittedAt > time || tx.maxFeePerGas < baseFee) continue;
      candidates.push({ tx, tip: effectivePriorityFee(tx.maxFeePerGas, tx.priorityFee, baseFee) });
    }
    candidates.sort((a, b) => b.tip - a.tip || a.tx.submittedAt - b.tx.submittedAt || compareIds(a.tx.id, b.tx.id));

    const included: Inclusion<P>[] = [];
    const takenIds = new Set<TxId>();
    let poolGas = 0;
    for (const { tx, tip } of candidates) {
      const ahead = background ? Math.min(background.gas, background.gasAhead(tip)) : 0;
      if (poolGas + ahead + tx.gasUsed > capacity) continue;
      poolGas += tx.gasUsed;
      const gasPrice = baseFee + tip;
      included.push({
        tx,
        blockNumber: block.number,
        blockTime: time,
        priorityFee: tip,
        gasPrice,
        feeNative: tx.gasUsed * gasPrice * GWEI,
        position: included.length,
      });
      takenIds.add(tx.id);
    }

    this.txs = live.filter((tx) => !takenIds.has(tx.id));
    for (const id of takenIds) this.ids.delete(id);
    const backgroundGas = background ? Math.max(0, Math.min(background.gas, capacity - poolGas)) : 0;
    return { included, expired, poolGas, backgroundGas, gasUsed: poolGas + backgroundGas };
  }
}
