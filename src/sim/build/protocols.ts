/**
 * The protocol kinds the simulator knows, and the one place it names them: each kind's ledger
 * accounts and the builder of its protocols. A new kind (as the option-margin venue was) adds its builder
 * here and its implementation of the protocol contract (../protocol.ts) under src/protocols/;
 * nothing else in sim/ changes.
 *
 * The world's list holds the kinds in the order below, each kind's protocols in scenario order:
 * transactions address protocols by that index and timeseries.csv lists their columns in it.
 */
import type { ProtocolSpec, Scenario } from '../../scenario/schema.js';
import type { Ledger } from '../ledger.js';
import type { Protocol } from '../protocol.js';
import { indexer, type BuildContext } from './context.js';
import { buildLendingMarkets } from './lending.js';
import { buildCdpSystems } from './cdp.js';
import { buildOptionVenues } from './options.js';

/** What a kind's builder gets besides its specs: prices at the start and the ledger to open its books in. */
export interface ProtocolBuildContext extends BuildContext {
  readonly reference: Float64Array;
  readonly ledger: Ledger;
  /** The scenario whose risk parameters generate the positions (WorldOptions.book). */
  readonly book: Scenario;
}

/** A kind's protocols, and the cohort tags of the agents that look after their positions or vaults. */
export interface BuiltProtocols {
  protocols: Protocol[];
  cohortTags: Map<string, number>;
}

type Spec<K extends ProtocolSpec['kind']> = Extract<ProtocolSpec, { kind: K }>;

interface ProtocolKind<K extends ProtocolSpec['kind']> {
  /** The ledger accounts of one protocol: its own first, then its users' outside the world. */
  accounts(spec: Spec<K>): string[];
  /** Builds every protocol of the kind from its specs (with their index in the scenario, for error paths). */
  build(specs: { spec: Spec<K>; specIndex: number }[], ctx: ProtocolBuildContext): BuiltProtocols;
}

const KINDS: { [K in ProtocolSpec['kind']]: ProtocolKind<K> } = {
  lending: {
    accounts: (p) => [`protocol:${p.id}`, `borrowers:${p.id}`],
    build: buildLendingMarkets,
  },
  cdp: {
    accounts: (p) => [`protocol:${p.id}`, `borrowers:${p.id}`, `flop-bidders:${p.id}`],
    build: buildCdpSystems,
  },
  options: {
    accounts: (p) => [`protocol:${p.id}`, `writers:${p.id}`, `buyers:${p.id}`],
    build: buildOptionVenues,
  },
};

const ORDER: ProtocolSpec['kind'][] = ['lending', 'cdp', 'options'];

export function protocolAccounts(spec: ProtocolSpec): string[] {
  return (KINDS[spec.kind] as ProtocolKind<typeof spec.kind>).accounts(spec);
}

export function buildProtocols(ctx: ProtocolBuildContext): BuiltProtocols & { protocolIndex(id: string): number } {
  const protocols: Protocol[] = [];
  const cohortTags = new Map<string, number>();
  for (const kind of ORDER) {
    const specs = ctx.scenario.protocols.flatMap((spec, specIndex) => (spec.kind === kind ? [{ spec, specIndex }] : []));
    const built = (KINDS[kind] as ProtocolKind<typeof kind>).build(specs, ctx);
    protocols.push(...built.protocols);
    for (const [agent, tag] of built.cohortTags) cohortTags.set(agent, tag);
  }
  return {
    protocols,
    cohortTags,
    protocolIndex: indexer(
      protocols.map((p) => p.id),
      'protocol',
    ),
  };
}
