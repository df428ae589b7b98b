/**
 * The public interface between the simulator and its agents. An agent is a small object that
 * observes a read-only view of the world and submits transactions; it never mutates protocol or
 * venue state, nor a balance. Agent implementations live in `agents/`, one per file; the simulator
 * knows them only through the factory its caller passes to `buildWorld`. Protocols appear here
 * through the protocol contract; an agent that works on one kind of protocol narrows to it
 * (agents/protocolKinds.ts).
 */
import type { Transaction } from './transactions.js';
import type { Protocol } from './protocol.js';
import type { Venue } from '../protocols/venues/venue.js';
import type { AgentSpec } from '../scenario/schema.js';
import type { Rng } from '../util/rng.js';

export type { Transaction, SwapTx, WithdrawLiquidityTx, ProtocolTx, ConfigureTx } from './transactions.js';
export type { Protocol } from './protocol.js';
export type { Venue } from '../protocols/venues/venue.js';
export type {
  AgentSpec,
  LiquidatorSpec,
  ArbitrageurSpec,
  BorrowerCohortSpec,
  LpSpec,
  KeeperSpec,
  VaultOwnersSpec,
  OptionLiquidatorSpec,
  OptionVaultSpec,
  OptionMarketMakerSpec,
  PsmArbitrageurSpec,
  PolicyAgentSpec,
  GasBid,
} from '../scenario/schema.js';

/** What an agent may read. The objects are the live ones; reading them is all an agent may do. */
export interface WorldView {
  readonly step: number;
  /** Seconds since the start. */
  readonly time: number;
  readonly dt: number;
  readonly assetIds: readonly string[];
  /** Exogenous reference (USD) price per asset: what centralised exchanges quote. */
  readonly reference: Float64Array;
  /** Published oracle price per oracle. */
  readonly oraclePrices: Float64Array;
  readonly venues: readonly Venue[];
  /** Every protocol, in the world's order (transactions address them by index). */
  readonly protocols: readonly Protocol[];
  /** Current gas price in gwei (with block space: the next block's base fee) and the asset gas is paid in. */
  readonly gasPrice: number;
  readonly nativeAsset: number;
  balance(account: number, asset: number): number;
}

export interface Agent {
  readonly id: string;
  readonly kind: string;
  /** Ledger account holding the agent's tokens. */
  readonly account: number;
  /**
   * Called once the world is built, before its first step, for agents that read more of it than
   * the view (a trained policy's observation: its oracles and the record of completed steps).
   */
  begin?(world: AgentWorld): void;
  /** Called every step before any agent acts, for agents that keep state (volatility windows, timers). */
  observe?(view: WorldView): void;
  act(view: WorldView, submit: (tx: Transaction) => void): void;
}

/** What `begin` may read: the view, the oracles by id, and the per-step record (timeseries.csv's columns) of completed steps. */
export interface AgentWorld {
  readonly view: WorldView;
  readonly oracles: readonly { readonly id: string; readonly asset: number }[];
  readonly metrics: { series(column: string): Float64Array };
}

/** What an agent factory receives besides its own spec. */
export interface AgentContext {
  /** Index of the agent in the world (the `sender` of its transactions). */
  index: number;
  account: number;
  assetIndex(id: string): number;
  venueIndex(id: string): number;
  /** Index of a protocol in the world's list (the `protocol` of transactions addressed to it). */
  protocolIndex(id: string): number;
  venues: readonly Venue[];
  protocols: readonly Protocol[];
  /** The agent's own random stream, derived from the path seed and the agent's index. */
  rng: Rng;
  /** False in the hedging counterfactual: an agent that would hedge what it takes on does not. */
  hedging: boolean;
}

/**
 * Makes an agent from its scenario spec (agents/index.ts is the one the simulator runs with).
 * `cohortTag` marks the positions or vaults a cohort of borrowers or owners looks after (0: none).
 */
export type AgentFactory = (spec: AgentSpec, ctx: AgentContext, dt: number, cohortTag: number) => Agent;

/** Gas cost in USD of `gas` units at `gwei` per unit with the native asset at `nativePrice`. */
export function gasCostUsd(gas: number, gwei: number, nativePrice: number): number {
  return gas * gwei * 1e-9 * nativePrice;
}
