/**
 * Attentive borrowers: a share of a market's positions whose owners, once the health factor has
 * stayed under `alertHealthFactor` for `latency`, add collateral (or repay debt) until it is back
 * at `targetHealthFactor`. The funds come from the borrowers' wallets outside the modelled world
 * (the ledger records them as inflows), and so does their gas: their transactions carry a fee bid
 * for ordering but no modelled gas cost.
 *
 * The cohort is event-driven: it reads the market's log of positions entering the watch zone,
 * keeps its own positions in a queue until their latency has passed, and then acts if they are
 * still in the zone since that entry. Its work per step follows the positions that change, not
 * the size of the market.
 */
import type { Agent, AgentContext, BorrowerCohortSpec, Transaction, WorldView } from '../src/sim/agent.js';
import { asLendingMarket, type LendingMarket, type TopUpTx } from './protocolKinds.js';

export class BorrowerCohort implements Agent {
  readonly kind = 'borrower-cohort';
  readonly id: string;
  readonly account: number;
  private readonly index: number;
  private readonly protocol: number;
  private readonly market: LendingMarket;
  private cursor = 0;
  /**
   * Queue of (position, step it entered the watch zone), in order of entry: entries head … tail
   * of a typed array, compacted in place and grown by doubling (a deep crash queues millions,
   * which as a growing list of numbers kept the garbage collector busy).
   */
  private queue = new Int32Array(1024);
  private head = 0;
  private tail = 0;
  /** Positions to look at again next step, gathered during a step. */
  private readonly requeue: number[] = [];

  constructor(
    private readonly spec: BorrowerCohortSpec,
    ctx: AgentContext,
    /** The tag this cohort's positions carry in the position book. */
    readonly tag: number,
  ) {
    this.id = spec.id;
    this.account = ctx.account;
    this.index = ctx.index;
    this.protocol = ctx.protocolIndex(spec.protocol);
    this.market = asLendingMarket(ctx.protocols[this.protocol]);
  }

  private enqueue(position: number, entered: number): void {
    if (this.tail + 2 > this.queue.length) {
      if (this.head * 2 >= this.queue.length) {
        this.queue.copyWithin(0, this.head, this.tail);
      } else {
        const grown = new Int32Array(this.queue.length * 2);
        grown.set(this.queue.subarray(this.head, this.tail));
        this.queue = grown;
      }
      this.tail -= this.head;
      this.head = 0;
    }
    this.queue[this.tail++] = position;
    this.queue[this.tail++] = entered;
  }

  act(view: WorldView, submit: (tx: Transaction) => void): void {
    const m = this.market;
    const b = m.book;
    const { log, length } = m.watchLog;
    for (; this.cursor < length; this.cursor += 2) {
      if (b.cohort[log[this.cursor]] === this.tag) this.enqueue(log[this.cursor], log[this.cursor + 1]);
    }
    const latencySteps = Math.ceil(this.spec.latency / view.dt - 1e-9);
    const requeue = this.requeue;
    requeue.length = 0;
    while (this.head < this.tail && this.queue[this.head + 1] + latencySteps <= view.step) {
      const i = this.queue[this.head];
      const entered = this.queue[this.head + 1];
      this.head += 2;
      // gone from the zone, or re-entered since (a later log entry will handle it)
      if (!m.isWatched(i) || m.watchSince[i] !== entered) continue;
      const hf = m.healthFactor(i);
      if (!(hf < this.spec.alertHealthFactor)) {
        // watched at a higher level by another cohort: look again next step
        requeue.push(i, entered);
        continue;
      }
      const ratio = this.spec.targetHealthFactor / hf;
      // health factor is linear in collateral and inversely so in debt
      const amount = this.spec.action === 'top-up' ? b.collateral[i] * (ratio - 1) : m.debtTokens(i) * (1 - 1 / ratio);
      const tx: TopUpTx = { kind: this.spec.action, sender: this.index, gas: 0, gasPrice: view.gasPrice, protocol: this.protocol, position: m.positionId(i), amount };
      submit(tx);
    }
    for (let k = 0; k < requeue.length; k += 2) this.enqueue(requeue[k], requeue[k + 1]);
  }
}
