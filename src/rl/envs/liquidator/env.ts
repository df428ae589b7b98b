/**
 * `liquidator`: one or more of the scenario's liquidators driven by one policy, competing with
 * the scenario's other liquidators under its congestion and slippage.
 *
 *   agents       `rl.liquidator.agents` (default: the scenario's first liquidator). Each keeps its
 *                slot: its spec (markets, capital, gas per call, latency, throughput), its account
 *                and its random stream; only its decisions come from the policy
 *                (controlledLiquidator.ts). With N agents the policy is shared (parameter
 *                sharing): the observation is N blocks [features, own state], the action N
 *                blocks, and `info.agentRewards` the N rewards (multiAgent.ts splits them into N
 *                transitions); `reward` is their sum.
 *   action       per agent MultiDiscrete([sizes, venues, gas bids]): a size from
 *                `rl.liquidator.sizes` (shares of what the close factor allows; 0: liquidate
 *                nothing), a venue (0: the best quote, 1: keep the collateral, then each venue
 *                that trades two of the watched markets' reserve assets, in scenario order:
 *                `venueChoices`), a bid from `rl.liquidator.gasMultiples` (× the gas price). The
 *                order stands for every step of the decision interval.
 *   observation  the features (default: the gas price; per watched market the debt of positions
 *                with a health factor under 1 and under 1.05, USD; per venue choice its ±2 % bid
 *                depth), then per agent `self.capital.<asset>`: its balance of each asset it
 *                starts with or pays gas in, USD at reference prices.
 *   reward       per agent, its profit over the interval: Σ over assets of (balance at the end −
 *                balance at the start) × the reference price at the end. Marking both balances
 *                at the same prices counts what it earned (proceeds or collateral kept, less the
 *                debt repaid and the gas), not the revaluation of the inventory it holds.
 *   terminated   a protocol's booked losses reached `rl.insolventAtLossUsd`.
 *   truncated    the horizon.
 *
 * `reset({ options: { controller: 'heuristic' } })` fills the slots with the scenario's own
 * heuristic liquidators instead (the baseline; actions are then ignored), so the episode is the
 * scenario's plain path and its reward that of the heuristic.
 */
import type { Info } from '../../env.js';
import { multiDiscrete, type MultiDiscrete } from '../../spaces.js';
import type { World } from '../../../sim/world.js';
import type { AgentFactory, LiquidatorSpec } from '../../../sim/agent.js';
import type { LiquidatorControlSpec } from '../../../scenario/rl.js';
import { InputError } from '../../../util/errors.js';
import { SimEnv, withControlledAgents } from '../simEnv.js';
import type { EnvConfig } from '../episodes.js';
import { ControlledLiquidator, type LiquidatorOrder } from './controlledLiquidator.js';
import { liquidatorLayout, liquidatorOrder, type LiquidatorLayout } from './layout.js';

export class LiquidatorEnv extends SimEnv<MultiDiscrete> {
  readonly actionSpace: MultiDiscrete;
  readonly spec: LiquidatorControlSpec;
  /** The scenario liquidators the policy drives. */
  readonly agentIds: string[];
  /** Venue choices of the action, in order: `best`, `keep`, then venue ids. */
  readonly venueChoices: string[];
  /** Assets in each agent's own state (capital and gas). */
  private readonly assets: string[];
  private heuristic = false;
  private accounts: number[] = [];
  private assetIndices: number[] = [];
  private balancesAtStart: Float64Array[] = [];
  private controlled: ControlledLiquidator[] = [];
  private readonly layout: LiquidatorLayout;

  constructor(config: EnvConfig) {
    super(config);
    const s = this.loaded.scenario;
    const liquidators = s.agents.filter((a): a is LiquidatorSpec => a.kind === 'liquidator');
    if (liquidators.length === 0) throw new InputError('expected a scenario with a liquidator for the policy to drive', this.loaded.file, undefined, 'agents');
    this.agentIds = s.rl?.liquidator?.agents ?? [liquidators[0].id];
    this.layout = liquidatorLayout(
      s,
      this.agentIds.map((id) => liquidators.find((l) => l.id === id)!),
    );
    this.spec = this.layout.control;
    this.venueChoices = this.layout.venueChoices;
    this.assets = this.layout.selfAssets;
    this.actionSpace = multiDiscrete(this.agentIds.flatMap(() => this.layout.nvec));
    this.setup((x) => x, this.agentIds.length, {
      defaultFeatures: () => this.layout.features,
      selfNames: this.assets.map((a) => `capital.${a}`),
    });
  }

  protected override beforeBuild(options: Record<string, unknown>): void {
    const c = options.controller ?? 'policy';
    if (c !== 'policy' && c !== 'heuristic') throw new RangeError(`liquidator: options.controller must be "policy" or "heuristic", got ${String(c)}`);
    this.heuristic = c === 'heuristic';
  }

  protected agentFactory(): AgentFactory {
    return withControlledAgents((spec, ctx) => (!this.heuristic && spec.kind === 'liquidator' && this.agentIds.includes(spec.id) ? new ControlledLiquidator(spec, ctx) : undefined));
  }

  protected beginEpisode(w: World): void {
    const agents = this.agentIds.map((id) => w.agents.find((a) => a.id === id)!);
    this.accounts = agents.map((a) => a.account);
    this.controlled = agents.filter((a): a is ControlledLiquidator => a instanceof ControlledLiquidator);
    this.assetIndices = this.assets.map((a) => w.assetIds.indexOf(a));
    this.balancesAtStart = this.accounts.map(() => new Float64Array(w.assetIds.length));
    this.markStart();
  }

  private markStart(): void {
    const w = this.world!;
    this.accounts.forEach((acc, k) => {
      for (let a = 0; a < w.assetIds.length; a++) this.balancesAtStart[k][a] = w.ledger.balance(acc, a);
    });
    for (const c of this.controlled) c.submitted = 0;
  }

  protected idle(): void {
    for (const c of this.controlled) c.order = null;
  }

  /** The order agent k's block of the action asks for. */
  orderOf(action: Float32Array, k: number): LiquidatorOrder {
    const w = this.world!;
    return liquidatorOrder(this.layout, action, k, (id) => w.venues.findIndex((v) => v.id === id));
  }

  protected applyAction(action: Float32Array): void {
    if (action.length !== this.actionSpace.nvec.length) throw new RangeError(`liquidator: expected an action of ${this.actionSpace.nvec.length} values, got ${action.length}`);
    const orders = this.agentIds.map((_, k) => this.orderOf(action, k));
    if (this.heuristic) return;
    this.controlled.forEach((c, k) => (c.order = orders[k]));
  }

  protected intervalReward(): { reward: number; info: Info } {
    const w = this.world!;
    const rewards = this.accounts.map((acc, k) => {
      let usd = 0;
      for (let a = 0; a < w.assetIds.length; a++) usd += (w.ledger.balance(acc, a) - this.balancesAtStart[k][a]) * w.reference[a];
      return usd;
    });
    const calls = this.controlled.map((c) => c.submitted);
    this.markStart();
    return { reward: rewards.reduce((x, y) => x + y, 0), info: { agentRewards: rewards, calls } };
  }

  protected writeSelf(k: number, out: Float32Array, offset: number): void {
    const w = this.world!;
    this.assetIndices.forEach((a, j) => (out[offset + j] = w.ledger.balance(this.accounts[k], a) * w.reference[a]));
  }
}

/** The registry's factory: `liquidator` on a scenario with liquidators (`rl.liquidator` optional). */
export function liquidatorEnv(config: EnvConfig): LiquidatorEnv {
  return new LiquidatorEnv(config);
}
