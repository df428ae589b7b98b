/**
 * Attentive borrowers: a share of a market's positions whose owners, once the health factor has
 * stayed under `alertHealthFactor` for `latency`, add collateral (or repay debt) until it is back
 * at `targetHealthFactor`. The funds come from the borrowers' wallets outside the modelled world
 * (the ledger records them as inflows), and so does their gas: their transactions carry a fee bid
 * for ordering but no modelled gas cost.
 */
import type { Agent, AgentContext, Transaction, WorldView } from '../src/sim/agent.js';
import type { BorrowerCohortSpec } from '../src/scenario/schema.js';

export class BorrowerCohort implements Agent {
  readonly kind = 'borrower-cohort';
  readonly id: string;
  readonly account: number;
  private readonly index: number;
  private readonly protocol: number;

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
  }

  act(view: WorldView, submit: (tx: Transaction) => void): void {
    const m = view.protocols[this.protocol];
    const b = m.book;
    const latencySteps = Math.ceil(this.spec.latency / view.dt - 1e-9);
    for (let k = 0; k < m.watchCount; k++) {
      const i = m.watch[k];
      if (b.cohort[i] !== this.tag || view.step - b.watchSince[i] < latencySteps) continue;
      const hf = m.healthFactor(i);
      if (!(hf < this.spec.alertHealthFactor)) continue;
      const ratio = this.spec.targetHealthFactor / hf;
      // health factor is linear in collateral and inversely so in debt
      const amount = this.spec.action === 'top-up' ? b.collateral[i] * (ratio - 1) : m.debtTokens(i) * (1 - 1 / ratio);
      submit({ kind: this.spec.action, sender: this.index, gas: 0, gasPrice: view.gasPrice, protocol: this.protocol, position: i, amount });
    }
  }
}
