/**
 * An option market maker that buys what vaults auction. At its first step it posts `deposit` of
 * the settlement asset on each venue it trades on; then, for every open auction it has not bid in
 * (and did not open), it bids the mark × (1 − `edge`) for as many contracts as the offer, its
 * free cash on the venue and `maxPremium` allow. It neither hedges nor sells: a buyer of the
 * vaults' options, holding them to expiry.
 */
import type { Agent, AgentContext, OptionMarketMakerSpec, Transaction, WorldView } from '../src/sim/agent.js';
import { asOptionVenue, type OptionVenue } from './protocolKinds.js';
import { bidGwei } from './gasBid.js';

export class OptionMarketMaker implements Agent {
  readonly kind = 'option-market-maker';
  readonly id: string;
  readonly account: number;
  private readonly index: number;
  private readonly protocols: number[];
  private readonly venues: OptionVenue[];
  /** Per venue, the auctions it has bid in. */
  private readonly bidIn: Set<number>[];
  private deposited = false;

  constructor(
    private readonly spec: OptionMarketMakerSpec,
    ctx: AgentContext,
  ) {
    this.id = spec.id;
    this.account = ctx.account;
    this.index = ctx.index;
    this.protocols = spec.protocols.map((p) => ctx.protocolIndex(p));
    this.venues = this.protocols.map((p) => asOptionVenue(ctx.protocols[p]));
    this.bidIn = this.venues.map(() => new Set());
  }

  act(view: WorldView, submit: (tx: Transaction) => void): void {
    const gasPrice = bidGwei(this.spec.gasBid, view.gasPrice);
    const tx = (fields: Record<string, unknown>) => submit({ sender: this.index, gas: this.spec.gasPerTx, gasPrice, ...fields } as unknown as Transaction);
    if (!this.deposited) {
      this.deposited = true;
      if (this.spec.deposit > 0) {
        this.venues.forEach((v, k) => tx({ kind: 'option-deposit', protocol: this.protocols[k], asset: v.params.settlement, amount: this.spec.deposit }));
        return;
      }
    }
    for (let k = 0; k < this.venues.length; k++) {
      const v = this.venues[k];
      const me = v.accountOf(this.account);
      let cash = v.accounts.cash[me];
      for (const a of v.auctions.all) {
        if (!a.open || a.seller === me || this.bidIn[k].has(a.id)) continue;
        const price = v.marks[a.series] * (1 - this.spec.edge);
        if (!(price > 0) || price < a.minPrice) continue;
        const budget = Math.min(cash, this.spec.maxPremium ?? Infinity);
        const contracts = Math.min(a.contracts, budget / price);
        if (!(contracts > 0)) continue;
        this.bidIn[k].add(a.id);
        cash -= contracts * price;
        tx({ kind: 'option-auction-bid', protocol: this.protocols[k], auction: a.id, contracts, price });
      }
    }
  }
}
