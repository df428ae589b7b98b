/**
 * The world's structure as a graphology DirectedGraph: assets, venues, oracles, protocols and
 * agents as nodes (attribute `kind`), and the links contagion flows along as edges (attribute
 * `kind`): `pair` venue → asset, `source` oracle → venue or asset, `reads` protocol → oracle,
 * `collateral`/`debt` protocol → asset, `issuer` asset → protocol, `acts-on` agent → protocol
 * or venue. Node keys are `<kind>:<id>` so ids may repeat across kinds. It is a multigraph:
 * a protocol that accepts an asset as collateral and also lends it has two edges to it.
 *
 * It reads a scenario through the slice declared below (`WorldStructure`), not the scenario
 * schema, so that the network layer stands on its own; a loaded scenario satisfies it as it is.
 */
import { GRAPH_CREATOR } from './exportGraph.js';
import graphology from 'graphology';
import type { MultiDirectedGraph as MultiDirectedGraphType } from 'graphology';

// graphology ships CommonJS; its named export is reached through the default under NodeNext
const { MultiDirectedGraph } = graphology as unknown as { MultiDirectedGraph: typeof MultiDirectedGraphType };

export type NodeKind = 'asset' | 'venue' | 'oracle' | 'protocol' | 'agent';
export type EdgeKind = 'pair' | 'source' | 'reads' | 'collateral' | 'debt' | 'issuer' | 'acts-on';

export interface NodeAttributes {
  kind: NodeKind;
  label: string;
  [key: string]: unknown;
}

export interface EdgeAttributes {
  kind: EdgeKind;
  [key: string]: unknown;
}

export type WorldGraph = MultiDirectedGraphType<NodeAttributes, EdgeAttributes>;

export const nodeKey = (kind: NodeKind, id: string) => `${kind}:${id}`;

/** Where an oracle reads its price: the reference, a venue (spot, TWAP), or a median of sources. */
export type OracleSourceLike = { kind: 'reference' } | { kind: 'spot' | 'twap'; venue: string } | { kind: 'median'; sources: OracleSourceLike[] };

/** The parts of a world's description the graph is made of (the scenario's fields of these names). */
export interface WorldStructure {
  assets: { id: string; stable: boolean; price: { process: string }; issuer?: string }[];
  venues: ({ id: string; kind: 'stableswap'; assets: string[] } | { id: string; kind: 'constant-product' | 'depth-curve'; base: string; quote: string })[];
  oracles: { id: string; asset: string; source: OracleSourceLike; delay: number; heartbeat: number; deviation: number }[];
  protocols: (
    | { id: string; kind: 'cdp'; stablecoin: string; ilks: { asset: string; oracle: string; liquidationRatio: number }[] }
    | { id: string; kind: 'lending'; reserves: { asset: string; oracle: string; liquidationThreshold: number; ltv: number }[]; positions: ({ debt: string } | { file: string })[] }
    | { id: string; kind: 'options'; underlying: string; settlement: string; oracle: string }
  )[];
  /** Each agent acts on the protocols and venues it names, under whichever of these fields its kind has. */
  agents: { id: string; kind: string; protocols?: string[]; cdps?: string[]; protocol?: string; cdp?: string; lending?: string; venues?: string[]; venue?: string; hedgeVenues?: string[] }[];
}

function sourceTargets(src: OracleSourceLike): string[] {
  switch (src.kind) {
    case 'reference':
      return [];
    case 'spot':
    case 'twap':
      return [nodeKey('venue', src.venue)];
    case 'median':
      return src.sources.flatMap(sourceTargets);
  }
}

export function buildGraph(s: WorldStructure): WorldGraph {
  // multi: a protocol both accepts an asset as collateral and lends it, two edges between one pair of nodes
  const g: WorldGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: false });
  g.setAttribute('creator', GRAPH_CREATOR); // marks the exported files as ours, so a later export may replace them
  const edge = (from: string, to: string, kind: EdgeKind, attrs: Record<string, unknown> = {}) => {
    const key = `${kind}:${from}->${to}`;
    if (!g.hasEdge(key)) g.addDirectedEdgeWithKey(key, from, to, { kind, ...attrs });
  };
  for (const a of s.assets) g.addNode(nodeKey('asset', a.id), { kind: 'asset', label: a.id, stable: a.stable, process: a.price.process });
  for (const v of s.venues) {
    g.addNode(nodeKey('venue', v.id), { kind: 'venue', label: v.id, venueKind: v.kind });
    for (const a of v.kind === 'stableswap' ? v.assets : [v.base, v.quote]) edge(nodeKey('venue', v.id), nodeKey('asset', a), 'pair');
  }
  for (const o of s.oracles) {
    g.addNode(nodeKey('oracle', o.id), { kind: 'oracle', label: o.id, delay: o.delay, heartbeat: o.heartbeat, deviation: o.deviation });
    const targets = sourceTargets(o.source);
    if (o.source.kind === 'reference' || (o.source.kind === 'median' && JSON.stringify(o.source).includes('"reference"'))) targets.push(nodeKey('asset', o.asset));
    for (const t of targets) edge(nodeKey('oracle', o.id), t, 'source');
  }
  for (const p of s.protocols) {
    g.addNode(nodeKey('protocol', p.id), { kind: 'protocol', label: p.id, protocolKind: p.kind });
    if (p.kind === 'cdp') {
      for (const ilk of p.ilks) {
        edge(nodeKey('protocol', p.id), nodeKey('oracle', ilk.oracle), 'reads');
        edge(nodeKey('protocol', p.id), nodeKey('asset', ilk.asset), 'collateral', { liquidationRatio: ilk.liquidationRatio });
      }
      // what the vaults owe is the system's own stablecoin
      edge(nodeKey('protocol', p.id), nodeKey('asset', p.stablecoin), 'debt');
      continue;
    }
    if (p.kind === 'options') {
      // an option venue reads its index and holds both assets as its accounts' collateral
      edge(nodeKey('protocol', p.id), nodeKey('oracle', p.oracle), 'reads');
      edge(nodeKey('protocol', p.id), nodeKey('asset', p.settlement), 'collateral');
      edge(nodeKey('protocol', p.id), nodeKey('asset', p.underlying), 'collateral');
      continue;
    }
    for (const r of p.reserves) {
      edge(nodeKey('protocol', p.id), nodeKey('oracle', r.oracle), 'reads');
      edge(nodeKey('protocol', p.id), nodeKey('asset', r.asset), 'collateral', { liquidationThreshold: r.liquidationThreshold, ltv: r.ltv });
    }
    for (const pos of p.positions) {
      if ('debt' in pos) edge(nodeKey('protocol', p.id), nodeKey('asset', pos.debt), 'debt');
    }
  }
  for (const a of s.assets) if (a.issuer) edge(nodeKey('asset', a.id), nodeKey('protocol', a.issuer), 'issuer');
  for (const a of s.agents) {
    g.addNode(nodeKey('agent', a.id), { kind: 'agent', label: a.id, agentKind: a.kind });
    const protocols = [
      ...(a.protocols ?? []),
      ...(a.cdps ?? []),
      ...(a.protocol !== undefined ? [a.protocol] : []),
      ...(a.cdp !== undefined ? [a.cdp] : []),
      ...(a.lending !== undefined ? [a.lending] : []),
    ];
    const venues = [...(a.venues ?? []), ...(a.venue !== undefined ? [a.venue] : []), ...(a.hedgeVenues ?? [])];
    for (const p of protocols) edge(nodeKey('agent', a.id), nodeKey('protocol', p), 'acts-on');
    for (const v of venues) edge(nodeKey('agent', a.id), nodeKey('venue', v), 'acts-on');
  }
  return g;
}
