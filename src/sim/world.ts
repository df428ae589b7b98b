/**
 * Building a world from a loaded scenario for one path: the reference price paths, venues,
 * oracles, lending markets with their positions, CDP systems with their vaults, block space,
 * agents and the shock schedule, all wired by index, and every random stream derived from
 * (scenario seed, path index).
 */
import type { LoadedScenario } from '../scenario/load.js';
import type { OracleSource, Scenario } from '../scenario/schema.js';
import { deriveSeed, Rng } from '../util/rng.js';
import { prepareMarket, type PreparedMarket } from '../market/generate.js';
import { Ledger } from './ledger.js';
import type { Venue } from '../protocols/venues/venue.js';
import { ConstantProductVenue } from '../protocols/venues/constantProductVenue.js';
import { StableswapVenue } from '../protocols/venues/stableswapVenue.js';
import { DepthCurveVenue } from '../protocols/venues/depthCurveVenue.js';
import { ANY_VENUE, Oracle, OracleManipulation, medianReader, twapReader, type SourceReader } from '../protocols/oracles/oracle.js';
import { LendingMarket } from '../protocols/lending/lendingMarket.js';
import { generatePositions, readPositionsCsv, type PositionRows } from '../protocols/lending/positions.js';
import type { Agent, AgentContext, WorldView } from './agent.js';
import { createAgent } from '../../agents/index.js';
import { buildShockSchedule, type ShockSchedule } from './shocks.js';
import { StepMetrics } from './metrics.js';
import { InputError } from '../util/errors.js';
import type { CdpSystem } from '../protocols/cdp/cdpSystem.js';
import { buildCdp } from './buildCdp.js';
import { createBlockspace, type Blockspace } from './blockspace.js';
import { ContagionTracker } from './contagion.js';
import { issuedAssets, type IssuedAsset } from './issuers.js';
import { Governance } from './governance.js';

/** Random streams of a path, one per purpose, so adding draws to one never shifts another. */
export const STREAM = { market: 1, positions: 2, shocks: 3, agentOrder: 4, chain: 5, vaults: 6, agents: 100 } as const;

export interface WorldOptions {
  /** Scenario seed (default: the scenario's own). */
  seed?: number;
  /** Path index: with the seed it determines every random draw of the path. */
  path?: number;
  priceFeedback?: boolean;
  checkInvariants?: boolean;
  /** Keep one event per liquidation (off for very large benchmark runs). */
  recordEvents?: boolean;
  /** A market prepared once for many paths (CSV files read and models fitted once). */
  market?: PreparedMarket;
}

export interface SimEvent {
  step: number;
  time: number;
  type: string;
  [key: string]: unknown;
}

export interface ProtocolTotals {
  liquidations: number;
  liquidatedUsd: number;
  debtRepaidUsd: number;
  badDebtUsd: number;
  peakLiquidatableDebtUsd: number;
  firstBadDebtStep: number;
}

export interface World {
  readonly loaded: LoadedScenario;
  readonly scenario: Scenario;
  readonly seed: number;
  readonly path: number;
  readonly steps: number;
  readonly dt: number;
  readonly priceFeedback: boolean;
  readonly checkInvariants: boolean;
  readonly recordEvents: boolean;
  step: number;
  readonly assetIds: string[];
  readonly basePaths: Float64Array[];
  readonly reference: Float64Array;
  readonly venues: Venue[];
  readonly oracles: Oracle[];
  readonly oraclePrices: Float64Array;
  /** The lending markets (agents' `protocol` indices point here). */
  readonly protocols: LendingMarket[];
  /** The CDP systems. */
  readonly cdps: CdpSystem[];
  readonly agents: Agent[];
  readonly ledger: Ledger;
  readonly lpAccounts: number[];
  readonly shocks: ShockSchedule;
  readonly nativeAsset: number;
  /** Block space: how transactions are included (instantly by fee, or in blocks with a mempool). */
  readonly blockspace: Blockspace;
  /** Gas price agents see this step (gwei). */
  gasPrice: number;
  readonly orderRng: Rng;
  readonly view: WorldView;
  /** Account exploits drain to. */
  readonly exploiterAccount: number;
  /** Tokens drained by exploits from each lending market, per reserve. */
  readonly drained: Float64Array[];
  readonly contagion: ContagionTracker;
  /** Assets with an issuer, to which the issuer loss rule applies. */
  readonly issued: IssuedAsset[];
  readonly metrics: StepMetrics;
  readonly events: SimEvent[];
  readonly totals: ProtocolTotals[];
  /** Largest |oracle / reference − 1| seen, and where. */
  maxOracleDeviation: { value: number; oracle: string; step: number };
  /** Liquidated value (USD, reference prices) in the current step, per protocol. */
  readonly stepLiquidatedUsd: Float64Array;
  readonly stepLiquidations: Float64Array;
  /** Scheduled parameter changes, the timelock queue and the Risk-Steward bounds (governance.ts). */
  readonly governance: Governance;
}

function indexer(ids: string[], what: string): (id: string) => number {
  const m = new Map(ids.map((id, i) => [id, i]));
  return (id: string) => {
    const i = m.get(id);
    if (i === undefined) throw new Error(`unknown ${what} ${id}`);
    return i;
  };
}

export function buildWorld(loaded: LoadedScenario, options: WorldOptions = {}): World {
  const s = loaded.scenario;
  const seed = options.seed ?? s.seed;
  const path = options.path ?? 0;
  const pathSeed = deriveSeed(seed, path);
  const stream = (k: number) => new Rng(deriveSeed(pathSeed, k));
  const dt = s.market.dt;
  const steps = Math.max(1, Math.round(s.horizon / dt));
  const assetIds = s.assets.map((a) => a.id);
  const assetIndex = indexer(assetIds, 'asset');
  const venueIndex = indexer(s.venues.map((v) => v.id), 'venue');
  const oracleIndex = indexer(s.oracles.map((o) => o.id), 'oracle');
  const lendingSpecs = s.protocols.flatMap((p, specIndex) => (p.kind === 'lending' ? [{ p, specIndex }] : []));
  const cdpSpecs = s.protocols.flatMap((p, specIndex) => (p.kind === 'cdp' ? [{ p, specIndex }] : []));
  const protocolIndex = indexer(lendingSpecs.map((x) => x.p.id), 'lending protocol');
  const cdpIndex = indexer(cdpSpecs.map((x) => x.p.id), 'CDP protocol');

  const market = options.market ?? prepareMarket(s.assets.map((a) => ({ id: a.id, spec: a.price })), s.market, loaded.baseDir, { scenarioFile: loaded.file });
  const basePaths = market.generate(steps, stream(STREAM.market));
  const reference = Float64Array.from(basePaths.map((p) => p[0]));

  const accounts = [
    ...s.protocols.flatMap((p) => [`protocol:${p.id}`, `borrowers:${p.id}`, ...(p.kind === 'cdp' ? [`flop-bidders:${p.id}`] : [])]),
    'exploiter',
    ...s.venues.flatMap((v) => [`venue:${v.id}`, `lps:${v.id}`]),
    ...s.agents.map((a) => `agent:${a.id}`),
  ];
  const ledger = new Ledger(assetIds.length, accounts);

  const venues: Venue[] = s.venues.map((v) => {
    switch (v.kind) {
      case 'constant-product':
        return new ConstantProductVenue(v.id, assetIndex(v.base), assetIndex(v.quote), v.reserves, v.feeBps);
      case 'stableswap':
        return new StableswapVenue(v.id, v.assets.map(assetIndex), v.balances, v.amplification, v.feeBps);
      case 'depth-curve':
        return new DepthCurveVenue(v.id, assetIndex(v.base), assetIndex(v.quote), reference[assetIndex(v.base)] / reference[assetIndex(v.quote)], v.depth2pct, v.resilience);
    }
  });
  venues.forEach((v) => {
    const acct = ledger.account(`venue:${v.id}`);
    for (const [a, amt] of v.holdings()) ledger.mint(acct, a, amt);
  });

  // every leaf of an oracle's source tree applies the oracle's manipulation to what it observes
  const spotReader = (venueId: string, asset: number, m: OracleManipulation): SourceReader => {
    const vi = venueIndex(venueId);
    const v = venues[vi];
    const other = v.assets.find((a) => a !== asset)!;
    return (step) => v.price(asset, other) * reference[other] * m.scale(step * dt, vi);
  };
  const readerFor = (src: OracleSource, asset: number, m: OracleManipulation): SourceReader => {
    switch (src.kind) {
      case 'reference':
        return (step) => reference[asset] * m.scale(step * dt, ANY_VENUE);
      case 'spot':
        return spotReader(src.venue, asset, m);
      case 'twap':
        return twapReader(spotReader(src.venue, asset, m), src.window, dt, steps);
      case 'median':
        return medianReader(src.sources.map((x) => readerFor(x, asset, m)));
    }
  };
  const oracles = s.oracles.map((o) => {
    const asset = assetIndex(o.asset);
    const m = new OracleManipulation();
    return new Oracle(o.id, asset, readerFor(o.source, asset, m), o.delay, o.heartbeat, o.deviation, dt, steps, reference[asset], m);
  });

  const positionsRng = stream(STREAM.positions);
  const cohorts = s.agents.filter((a) => a.kind === 'borrower-cohort');
  const protocols = lendingSpecs.map(({ p, specIndex: pi }) => {
    const rows: PositionRows = { collateralReserve: [], debtReserve: [], collateral: [], debt: [] };
    const reserveOf = (asset: string) => {
      const r = p.reserves.findIndex((x) => x.asset === asset);
      return r < 0 ? undefined : r;
    };
    for (const spec of p.positions) {
      if ('file' in spec) {
        readPositionsCsv(spec.file, loaded.baseDir, reserveOf, rows);
        continue;
      }
      const c = reserveOf(spec.collateral)!;
      const d = reserveOf(spec.debt)!;
      generatePositions(
        { count: spec.count, collateral: c, debt: d, size: spec.size, healthFactor: spec.healthFactor },
        reference[assetIndex(spec.collateral)],
        p.reserves[c].liquidationThreshold,
        reference[assetIndex(spec.debt)],
        positionsRng,
        rows,
      );
    }
    const borrowed = new Float64Array(p.reserves.length);
    const deposited = new Float64Array(p.reserves.length);
    rows.debtReserve.forEach((r, i) => (borrowed[r] += rows.debt[i]));
    rows.collateralReserve.forEach((r, i) => (deposited[r] += rows.collateral[i]));
    const reserves = p.reserves.map((r, ri) => {
      const supply = r.supply ?? borrowed[ri] / 0.8;
      const field = `protocols[${pi}].reserves[${ri}]`;
      if (borrowed[ri] > supply * (1 + 1e-12)) {
        throw new InputError(`positions borrow ${borrowed[ri].toPrecision(6)} ${r.asset} but only ${supply} is supplied`, loaded.file, undefined, `${field}.supply`);
      }
      if (r.borrowCap !== undefined && borrowed[ri] > r.borrowCap) {
        throw new InputError(`positions borrow ${borrowed[ri].toPrecision(6)} ${r.asset}, above the borrow cap ${r.borrowCap}`, loaded.file, undefined, `${field}.borrowCap`);
      }
      if (r.supplyCap !== undefined && deposited[ri] + supply > r.supplyCap) {
        throw new InputError(`collateral and supply of ${(deposited[ri] + supply).toPrecision(6)} ${r.asset} exceed the supply cap ${r.supplyCap}`, loaded.file, undefined, `${field}.supplyCap`);
      }
      return {
        asset: assetIndex(r.asset),
        assetId: r.asset,
        oracle: oracleIndex(r.oracle),
        ltv: r.ltv,
        liquidationThreshold: r.liquidationThreshold,
        liquidationBonus: r.liquidationBonus,
        supply,
        supplyCap: r.supplyCap,
        borrowCap: r.borrowCap,
        rate: r.rate,
      };
    });
    const watchLevel = Math.max(1, ...cohorts.filter((c) => c.protocol === p.id).map((c) => c.alertHealthFactor));
    const m = new LendingMarket(p.id, reserves, rows, { closeFactor: p.closeFactor, closeFactorHealthFactor: p.closeFactorHealthFactor }, p.dust, watchLevel, ledger);
    // each cohort takes its share of the positions not already watched by an earlier one
    cohorts
      .filter((c) => c.protocol === p.id)
      .forEach((c, k) => {
        const tag = k + 1;
        for (let i = 0; i < m.book.count; i++) if (m.book.cohort[i] === 0 && positionsRng.uniform() < c.share) m.book.cohort[i] = tag;
      });
    return m;
  });

  const vaultsRng = stream(STREAM.vaults);
  const cdps = cdpSpecs.map(({ p, specIndex }) =>
    buildCdp(p, { scenarioFile: loaded.file, baseDir: loaded.baseDir, specIndex, assetIndex, oracleIndex, reference, rng: vaultsRng, ledger }),
  );

  const cohortTags = new Map<string, number>();
  for (const p of s.protocols) cohorts.filter((c) => c.protocol === p.id).forEach((c, k) => cohortTags.set(c.id, k + 1));
  // each vault-owners cohort takes its share of the vaults not already watched by an earlier one
  const owners = s.agents.filter((a) => a.kind === 'vault-owners');
  for (const cdp of cdps) {
    owners
      .filter((o) => o.cdp === cdp.id)
      .forEach((o, k) => {
        cohortTags.set(o.id, k + 1);
        const b = cdp.vaults;
        for (let v = 0; v < b.count; v++) if (b.owners[v] === 0 && vaultsRng.uniform() < o.share) b.owners[v] = k + 1;
      });
  }
  const agents = s.agents.map((spec, index) => {
    const account = ledger.account(`agent:${spec.id}`);
    if (spec.kind === 'liquidator' || spec.kind === 'arbitrageur' || spec.kind === 'keeper') {
      for (const [asset, amount] of Object.entries(spec.capital)) ledger.mint(account, assetIndex(asset), amount);
    }
    const ctx: AgentContext = { index, account, assetIndex, venueIndex, protocolIndex, cdpIndex, venues, protocols, cdps, rng: stream(STREAM.agents + index) };
    return createAgent(spec, ctx, dt, cohortTags.get(spec.id) ?? 0);
  });

  const shocks = buildShockSchedule(s.shocks, dt, stream(STREAM.shocks), assetIndex);
  const nativeAsset = assetIndex(s.chain.nativeAsset);
  const oraclePrices = new Float64Array(oracles.length);
  const blockspace = createBlockspace(s.chain, stream(STREAM.chain));
  for (const e of shocks.events) if (e.spec.kind === 'gas-spike') blockspace.addSpike(e.value, e.startStep * dt, e.startStep * dt + e.spec.duration);

  const metrics = new StepMetrics(steps);
  const world: World = {
    loaded,
    scenario: s,
    seed,
    path,
    steps,
    dt,
    priceFeedback: options.priceFeedback ?? s.options.priceFeedback,
    checkInvariants: options.checkInvariants ?? s.options.checkInvariants,
    recordEvents: options.recordEvents ?? true,
    step: 0,
    assetIds,
    basePaths,
    reference,
    venues,
    oracles,
    oraclePrices,
    protocols,
    cdps,
    agents,
    ledger,
    lpAccounts: s.venues.map((v) => ledger.account(`lps:${v.id}`)),
    shocks,
    nativeAsset,
    blockspace,
    gasPrice: blockspace.gasPrice,
    orderRng: stream(STREAM.agentOrder),
    view: undefined as unknown as WorldView,
    exploiterAccount: ledger.account('exploiter'),
    drained: protocols.map((m) => new Float64Array(m.reserves.length)),
    contagion: undefined as unknown as ContagionTracker,
    issued: [],
    metrics,
    events: [],
    totals: protocols.map(() => ({ liquidations: 0, liquidatedUsd: 0, debtRepaidUsd: 0, badDebtUsd: 0, peakLiquidatableDebtUsd: 0, firstBadDebtStep: -1 })),
    maxOracleDeviation: { value: 0, oracle: '', step: -1 },
    stepLiquidatedUsd: new Float64Array(protocols.length),
    stepLiquidations: new Float64Array(protocols.length),
    governance: new Governance(s, [...protocols, ...cdps]),
  };
  (world as { view: WorldView }).view = {
    get step() {
      return world.step;
    },
    get time() {
      return world.step * dt;
    },
    dt,
    assetIds,
    reference,
    oraclePrices,
    venues,
    protocols,
    cdps,
    get gasPrice() {
      return world.gasPrice;
    },
    nativeAsset,
    balance: (account: number, asset: number) => ledger.balance(account, asset),
  };
  (world as { contagion: ContagionTracker }).contagion = new ContagionTracker(world);
  (world as { issued: IssuedAsset[] }).issued = issuedAssets(world);
  return world;
}
