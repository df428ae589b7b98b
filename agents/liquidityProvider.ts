/**
 * A liquidity provider that leaves when markets turn wild: it tracks the realised volatility of
 * its pool's price over a trailing window and, the first time it passes the threshold (annualised),
 * withdraws a share of the pool's liquidity. Thin pools then make every later sale cost more.
 */
import type { Agent, AgentContext, LpSpec, Transaction, WorldView } from '../src/sim/agent.js';

const SECONDS_PER_YEAR = 365 * 86400;

export class LiquidityProvider implements Agent {
  readonly kind = 'lp';
  readonly id: string;
  readonly account: number;
  private readonly index: number;
  private readonly venue: number;
  private readonly squares: Float64Array;
  private sum = 0;
  private seen = 0;
  private last = NaN;
  private withdrawn = false;

  constructor(
    private readonly spec: LpSpec,
    ctx: AgentContext,
    dt: number,
  ) {
    this.id = spec.id;
    this.account = ctx.account;
    this.index = ctx.index;
    this.venue = ctx.venueIndex(spec.venue);
    this.squares = new Float64Array(Math.max(2, Math.round(spec.window / dt)));
  }

  /** Annualised realised volatility over the window (NaN until the window is full). */
  realisedVolatility(dt: number): number {
    if (this.seen < this.squares.length) return NaN;
    return Math.sqrt((Math.max(this.sum, 0) * SECONDS_PER_YEAR) / (this.squares.length * dt));
  }

  observe(view: WorldView): void {
    const v = view.venues[this.venue];
    const p = v.price(v.assets[0], v.assets[1]);
    if (Number.isFinite(this.last)) {
      const r = Math.log(p / this.last);
      const slot = this.seen % this.squares.length;
      this.sum += r * r - this.squares[slot];
      this.squares[slot] = r * r;
      this.seen++;
    }
    this.last = p;
  }

  act(view: WorldView, submit: (tx: Transaction) => void): void {
    if (this.withdrawn || !(this.realisedVolatility(view.dt) > this.spec.volatilityThreshold)) return;
    this.withdrawn = true;
    submit({ kind: 'withdraw-liquidity', sender: this.index, gas: 0, gasPrice: view.gasPrice, venue: this.venue, keep: 1 - this.spec.withdrawShare });
  }
}
