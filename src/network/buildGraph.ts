/**
 * The world's structure as a graphology DirectedGraph: assets, venues, oracles, protocols and
 * agents as nodes (attribute `kind`), and the links contagion flows along as edges (attribute
 * `kind`): `pair` venue → asset, `source` oracle → venue or asset, `reads` protocol → oracle,
 * `collateral`/`debt` protocol → asset, `issuer` asset → protocol, `acts-on` agent → protocol
 * or venue. Node keys are `<kind>:<id>` so ids may repeat across kinds. It is a multigraph:
 * a protocol that accepts an asset as collateral and also lends it has two edges to it.
 */
import { GRAPH_CREATOR } from './exportGraph.js';
import graphology from 'graphology';
import type { MultiDirectedGraph as MultiDirectedGraphType } from 'graphology';
import type { Scenario, OracleSource } from '../scenario/schema.js';

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

function sourceTargets(src: OracleSource): string[] {
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

export function buildGraph(s: Scenario): WorldGraph {
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
    const targets =
      a.kind === 'liquidator'
        ? a.protocols.map((p) => nodeKey('protocol', p))
        : a.kind === 'arbitrageur'
          ? a.venues.map((v) => nodeKey('venue', v))
          : a.kind === 'borrower-cohort'
            ? [nodeKey('protocol', a.protocol)]
            : a.kind === 'keeper'
              ? a.cdps.map((c) => nodeKey('protocol', c))
              : a.kind === 'vault-owners'
                ? [nodeKey('protocol', a.cdp)]
                : [nodeKey('venue', a.venue)];
    for (const t of targets) edge(nodeKey('agent', a.id), t, 'acts-on');
  }
  return g;
}
