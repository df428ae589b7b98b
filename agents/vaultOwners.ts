/**
 * Attentive owners of a CDP system's vaults (the CDP counterpart of a borrower cohort): a share
 * of the vaults whose owners, once collateral value / debt has stayed under `alertRatio` for
 * `latency`, add collateral (or repay debt) to bring it back to `targetRatio`. They watch the
 * market price by default: Maker's OSM publishes an hour late, which gave owners an hour to act
 * before the system saw a fall. Collateral comes from outside the modelled world; repayments
 * from the owners' own stablecoin. Their gas is paid outside the world too, but their
 * transactions bid for block space and wait like everybody's; while one waits it is replaced
 * each step by one sized for the current price.
 */
import type { Agent, AgentContext, Transaction, VaultOwnersSpec, WorldView } from '../src/sim/agent.js';
import { asCdpSystem, type CdpSystem, type VaultCareTx } from './protocolKinds.js';
import { bidGwei } from './gasBid.js';

export class VaultOwners implements Agent {
  readonly kind = 'vault-owners';
  readonly id: string;
  readonly account: number;
  private readonly index: number;
  private readonly protocol: number;
  private readonly cdp: CdpSystem;
  /** The vaults this cohort watches. */
  private readonly watched: Int32Array;
  /** Step since which each watched vault has been under the alert ratio (−1: it is not). */
  private readonly since: Int32Array;

  constructor(
    private readonly spec: VaultOwnersSpec,
    ctx: AgentContext,
    tag: number,
  ) {
    this.id = spec.id;
    this.account = ctx.account;
    this.index = ctx.index;
    this.protocol = ctx.protocolIndex(spec.cdp);
    this.cdp = asCdpSystem(ctx.protocols[this.protocol]);
    const b = this.cdp.vaults;
    const list: number[] = [];
    for (let v = 0; v < b.count; v++) if (b.owners[v] === tag) list.push(v);
    this.watched = Int32Array.from(list);
    this.since = new Int32Array(list.length).fill(-1);
  }

  act(view: WorldView, submit: (tx: Transaction) => void): void {
    const c = this.cdp;
    const b = c.vaults;
    const stablePrice = view.reference[c.stablecoin];
    const latencySteps = Math.ceil(this.spec.latency / view.dt - 1e-9);
    const gasPrice = bidGwei(this.spec.gasBid, view.gasPrice);
    for (let j = 0; j < this.watched.length; j++) {
      const v = this.watched[j];
      const debt = c.debt(v);
      if (!(debt > 0)) {
        this.since[j] = -1;
        continue;
      }
      const ilk = c.ilks[b.ilk[v]];
      const price = this.spec.price === 'reference' ? view.reference[ilk.asset] : ilk.price;
      const ratio = (b.ink[v] * price) / (debt * stablePrice);
      if (!(ratio < this.spec.alertRatio)) {
        this.since[j] = -1;
        continue;
      }
      if (this.since[j] < 0) this.since[j] = view.step;
      if (view.step - this.since[j] < latencySteps) continue;
      const target = this.spec.targetRatio;
      // the ratio is linear in collateral and inversely so in debt
      const amount = this.spec.action === 'top-up' ? b.ink[v] * (target / ratio - 1) : debt * (1 - ratio / target);
      const tx: VaultCareTx = { kind: this.spec.action === 'top-up' ? 'vault-top-up' : 'vault-repay', sender: this.index, gas: 0, gasPrice, protocol: this.protocol, vault: v, amount };
      submit(tx);
    }
  }
}
