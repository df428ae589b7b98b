/**
 * Building the world of one path from a loaded scenario, one part after another, as the step loop
 * uses them (step.ts): the reference prices, the ledger, venues, oracles, protocols, agents, the
 * shock schedule, block space and governance (each part's builder is in build/), then what reads
 * the whole world: the agents' view, the contagion measures, the issuer loss rule and the recorded
 * columns.
 * Every random stream is derived from (scenario seed, path index, purpose).
 */
import type { LoadedScenario } from '../scenario/load.js';
import type { World, WorldOptions } from './worldTypes.js';
import { buildContext, STREAM, type BuildContext } from './build/context.js';
import { buildMarket } from './build/market.js';
import { buildLedger } from './build/ledger.js';
import { buildVenues } from './build/venues.js';
import { buildOracles } from './build/oracles.js';
import { buildProtocols } from './build/protocols.js';
import { buildAgents } from './build/agents.js';
import { buildBlockspace } from './build/blockspace.js';
import { buildGovernance } from './build/governance.js';
import { worldView } from './build/view.js';
import { buildShockSchedule } from './shocks.js';
import { ContagionTracker } from './contagion.js';
import { issuedAssets } from './issuers.js';
import { StepMetrics } from './metrics.js';
import { metricReaders } from './record.js';
import { ProtocolContexts } from './protocolContext.js';
import { pathInputs } from './build/uncertain.js';
import { PriceImpact } from './priceImpact.js';
import { marketPricedAssets } from './marketPrices.js';

export type { World, WorldOptions, WorldConfig, WorldState, WorldParts, WorldTallies, SimEvent, EventDetail } from './worldTypes.js';

export function buildWorld(file: LoadedScenario, options: WorldOptions): World {
  const seed = options.seed ?? file.scenario.seed;
  // the path's own scenario: the file's with its declared-uncertain inputs drawn (build/uncertain.ts)
  const drawn = pathInputs(file, seed, options.path ?? 0, options.book, options.market);
  const loaded = drawn.loaded;
  const b = buildContext(loaded, seed, options.path ?? 0);
  const { basePaths, reference } = buildMarket(b, drawn.market);
  const ledger = buildLedger(b);
  const venues = buildVenues(b, reference, ledger);
  const priceImpact = PriceImpact.build(b.scenario, venues);
  const oracles = buildOracles(b, venues, reference);
  const { protocols, protocolIndex, cohortTags } = buildProtocols({ ...b, reference, ledger, book: drawn.book ?? b.scenario });
  const agents = buildAgents(b, { ledger, venues, protocols, protocolIndex, cohortTags, hedging: options.hedging ?? true }, options.createAgent);
  const shocks = buildShockSchedule(b.scenario.shocks, b.dt, b.stream(STREAM.shocks), b.assetIndex);
  const blockspace = buildBlockspace(b, shocks, protocols);
  const governance = buildGovernance(b, protocols, protocolIndex);
  const w = withReaders(assemble(b, options, drawn.values, { basePaths, reference, ledger, venues, priceImpact, oracles, protocols, protocolIndex, agents, shocks, blockspace, governance }));
  for (const a of w.agents) a.begin?.(w);
  return w;
}

type Parts = Pick<World, 'basePaths' | 'reference' | 'ledger' | 'venues' | 'priceImpact' | 'oracles' | 'protocols' | 'protocolIndex' | 'agents' | 'shocks' | 'blockspace' | 'governance'>;

/** The world object: configuration, the parts, the state at step 0, empty tallies. */
function assemble(b: BuildContext, options: WorldOptions, uncertain: number[], parts: Parts): World {
  const s = b.scenario;
  const { ledger, blockspace } = parts;
  return {
    loaded: b.loaded,
    scenario: s,
    seed: options.seed ?? s.seed,
    path: options.path ?? 0,
    steps: b.steps,
    dt: b.dt,
    priceFeedback: options.priceFeedback ?? s.options.priceFeedback,
    hedging: options.hedging ?? true,
    checkInvariants: options.checkInvariants ?? s.options.checkInvariants,
    recordEvents: options.recordEvents ?? true,
    uncertain,
    allEvents: (options.recordEvents ?? true) && options.events === 'all',
    ...parts,
    step: 0,
    oraclePrices: new Float64Array(parts.oracles.length),
    gasPrice: blockspace.gasPrice,
    assetIds: s.assets.map((a) => a.id),
    nativeAsset: b.assetIndex(s.chain.nativeAsset),
    lpAccounts: s.venues.map((v) => ledger.account(`lps:${v.id}`)),
    exploiterAccount: ledger.account('exploiter'),
    orderRng: b.stream(STREAM.agentOrder),
    // the parts that read the whole world are added by withReaders
    view: undefined as unknown as World['view'],
    issued: [],
    marketPriced: marketPricedAssets({ scenario: s, venues: parts.venues }, b.assetIndex),
    contagion: undefined as unknown as ContagionTracker,
    contexts: undefined as unknown as ProtocolContexts,
    metricReaders: [],
    metrics: new StepMetrics(b.steps),
    events: [],
    maxOracleDeviation: { value: 0, oracle: '', step: -1 },
    liquidatableDebtUsd: new Float64Array(b.steps),
  };
}

/** The parts that read the world as a whole: the agents' view, the protocols' context, contagion, issuers, the recorded columns. */
function withReaders(w: World): World {
  const parts = w as { -readonly [K in keyof World]: World[K] };
  parts.view = worldView(w);
  parts.contexts = new ProtocolContexts(w);
  parts.contagion = new ContagionTracker(w);
  parts.issued = issuedAssets(w);
  parts.metricReaders = metricReaders(w);
  for (const r of w.metricReaders) w.metrics.column(r.column);
  return w;
}
