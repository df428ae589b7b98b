/**
 * The world of one path, grouped by what each field is: how the run was asked for
 * (configuration), what moves from step to step (state), what the world is made of (parts), and
 * what the run has counted so far (tallies). A world is one flat object with all four; the groups
 * are its type's, so that a reader sees at once which fields the step loop may change.
 */
import type { LoadedScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import type { PreparedMarket } from '../market/generate.js';
import type { Rng } from '../util/rng.js';
import type { Venue } from '../protocols/venues/venue.js';
import type { Oracle } from '../protocols/oracles/oracle.js';
import type { Agent, AgentFactory, WorldView } from './agent.js';
import type { Ledger } from './ledger.js';
import type { Protocol } from './protocol.js';
import type { ShockSchedule } from './shocks.js';
import type { Blockspace } from './blockspace.js';
import type { ContagionTracker } from './contagion.js';
import type { IssuedAsset } from './issuers.js';
import type { StepMetrics } from './metrics.js';
import type { MetricReader } from './record.js';
import type { ProtocolContexts } from './protocolContext.js';
import type { Governance } from './governance.js';
import type { PriceImpact } from './priceImpact.js';
import type { MarketPriced } from './marketPrices.js';

export interface WorldOptions {
  /** Makes the scenario's agents: the caller passes it (agents/index.ts), so that sim/ never imports agents/. */
  createAgent: AgentFactory;
  /** Scenario seed (default: the scenario's own). */
  seed?: number;
  /** Path index: with the seed it determines every random draw of the path. */
  path?: number;
  priceFeedback?: boolean;
  /**
   * False in the hedging counterfactual: agents that hedge risk they take on (option
   * liquidators) place no hedge (default true). A world-wide switch, as price feedback is, so the
   * simulator needs to know no agent kind.
   */
  hedging?: boolean;
  checkInvariants?: boolean;
  /** Keep one event per liquidation (off for very large benchmark runs). */
  recordEvents?: boolean;
  /**
   * Which events to keep: `default`, the liquidations, bookings, shocks and auctions; `all` adds
   * every swap (venue, assets, amounts, the venue's price before and after) and every transaction
   * an agent submits (its decision), so a user can see why a pool or a liquidator sat still.
   */
  events?: EventDetail;
  /** A market prepared once for many paths (CSV files read and models fitted once). */
  market?: PreparedMarket;
  /**
   * The scenario whose risk parameters generate the loan book (default: this one). A sweep passes
   * the file's, so that every cell compares protocols on the same positions: a position's debt is
   * drawn from its health factor under a liquidation threshold, and the cell's threshold would
   * otherwise re-leverage the book.
   */
  book?: Scenario;
}

export type EventDetail = 'default' | 'all';

export interface SimEvent {
  step: number;
  time: number;
  type: string;
  [key: string]: unknown;
}

/** How the run was asked for; fixed when the world is built. */
export interface WorldConfig {
  readonly loaded: LoadedScenario;
  readonly scenario: Scenario;
  readonly seed: number;
  readonly path: number;
  readonly steps: number;
  /** Seconds per step. */
  readonly dt: number;
  /** False in the counterfactual: liquidation sales move no price. */
  readonly priceFeedback: boolean;
  /** False in the hedging counterfactual: agents place no hedges. */
  readonly hedging: boolean;
  readonly checkInvariants: boolean;
  readonly recordEvents: boolean;
  /** Also record swaps and agents' decisions (`events: all`, with `recordEvents`). */
  readonly allEvents: boolean;
  /** The value this path drew for each declared-uncertain input (scenario `uncertain`), in order; empty without any. */
  readonly uncertain: readonly number[];
}

/** What moves from step to step (the arrays in place). */
export interface WorldState {
  /** The step being simulated (the steps done, between steps). */
  step: number;
  /** Reference (USD) price per asset this step: the path's price after shocks and the issuer loss rule. */
  readonly reference: Float64Array;
  /** Published price per oracle this step. */
  readonly oraclePrices: Float64Array;
  /** Gas price agents see this step (gwei). */
  gasPrice: number;
}

/** What the world is made of. */
export interface WorldParts {
  readonly assetIds: string[];
  /** The path's exogenous reference prices, per asset per step. */
  readonly basePaths: Float64Array[];
  /** The asset gas is paid in. */
  readonly nativeAsset: number;
  readonly ledger: Ledger;
  /** Accounts liquidity withdrawn from each venue goes to. */
  readonly lpAccounts: number[];
  /** Account exploits drain to. */
  readonly exploiterAccount: number;
  readonly venues: Venue[];
  /** Order books whose net flow moves the reference price (venues' `impact`); null when none declares it. */
  readonly priceImpact: PriceImpact | null;
  readonly oracles: Oracle[];
  /** Every protocol, through the protocol contract (build/protocols.ts gives the order); transactions' `protocol` indices point here. */
  readonly protocols: Protocol[];
  /** Index in `protocols` of a protocol by its scenario id. */
  protocolIndex(id: string): number;
  readonly agents: Agent[];
  /** Draws the order agents act in, each step. */
  readonly orderRng: Rng;
  /** What agents see. */
  readonly view: WorldView;
  /** How transactions are included: instantly by fee, or in blocks with a mempool. */
  readonly blockspace: Blockspace;
  readonly shocks: ShockSchedule;
  /** Scheduled parameter changes, the timelock queue and the Risk-Steward bounds (governance.ts). */
  readonly governance: Governance;
  /** Assets with an issuer, to which the issuer loss rule applies. */
  readonly issued: IssuedAsset[];
  /** Assets whose reference is their price on a venue (scenario `priceFrom`); empty when none. */
  readonly marketPriced: MarketPriced[];
  readonly contagion: ContagionTracker;
  /** The one context object the world hands its protocols, set before each call. */
  readonly contexts: ProtocolContexts;
  /** The columns of `metrics`, read at the end of every step. */
  readonly metricReaders: MetricReader[];
}

/** What the run has counted so far. */
export interface WorldTallies {
  /** The timeseries.csv columns, one value per step. */
  readonly metrics: StepMetrics;
  /** The events.jsonl lines (when `recordEvents`). */
  readonly events: SimEvent[];
  /** Largest |oracle / reference − 1| seen, and where. */
  maxOracleDeviation: { value: number; oracle: string; step: number };
  /** Σ over protocols of the debt liquidatable at the end of each step, USD. */
  readonly liquidatableDebtUsd: Float64Array;
}

export interface World extends WorldConfig, WorldState, WorldParts, WorldTallies {}
