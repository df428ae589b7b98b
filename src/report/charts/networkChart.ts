/**
 * The world as a network: assets, venues, oracles, protocols and agents, and the links contagion
 * travels along (network/buildGraph.ts), placed by ForceAtlas2 (Jacomy et al. 2014, PLoS ONE 9(6)).
 * The layout starts from a circle in the graph's node order and runs a fixed number of
 * iterations, so the same scenario is drawn the same way every time.
 */
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import type { WorldGraph } from '../../network/buildGraph.js';
import { SCHEMA, WIDTH, type Spec } from './common.js';

// CommonJS: under NodeNext the callable layout is the module's default export at run time
const forceAtlas2 = forceAtlas2Module as unknown as typeof forceAtlas2Module.default;

const KIND_COLOURS: Record<string, string> = { asset: '#4c78a8', venue: '#72b7b2', oracle: '#eeca3b', protocol: '#e45756', agent: '#9d755d' };

export function networkChart(graph: WorldGraph): Spec | undefined {
  if (graph.order === 0) return undefined;
  const g = graph.copy();
  const n = g.order;
  let i = 0;
  g.forEachNode((key) => {
    i++;
    g.mergeNodeAttributes(key, { x: Math.cos((2 * Math.PI * i) / n) * 100, y: Math.sin((2 * Math.PI * i) / n) * 100 });
  });
  const positions = forceAtlas2(g, { iterations: 300, settings: { ...forceAtlas2.inferSettings(g), gravity: 1, scalingRatio: 10 } });
  const nodes = g.mapNodes((key, a) => ({ key, label: String(a.label), kind: String(a.kind), x: positions[key].x, y: positions[key].y }));
  const edges = g.mapEdges((_k, a, s, t) => ({ kind: String(a.kind), x: positions[s].x, y: positions[s].y, x2: positions[t].x, y2: positions[t].y }));
  const kinds = Object.keys(KIND_COLOURS).filter((k) => nodes.some((d) => d.kind === k));
  const axis = { axis: null, scale: { zero: false, nice: false, padding: 30 } };
  return {
    $schema: SCHEMA,
    width: WIDTH,
    height: 420,
    layer: [
      {
        data: { values: edges },
        mark: { type: 'rule', color: '#bbb', strokeWidth: 1 },
        encoding: { x: { field: 'x', type: 'quantitative', ...axis }, y: { field: 'y', type: 'quantitative', ...axis }, x2: { field: 'x2' }, y2: { field: 'y2' } },
      },
      {
        data: { values: nodes },
        layer: [
          {
            mark: { type: 'circle', size: 220, opacity: 1, stroke: 'white', strokeWidth: 1 },
            encoding: {
              x: { field: 'x', type: 'quantitative', ...axis },
              y: { field: 'y', type: 'quantitative', ...axis },
              color: { field: 'kind', type: 'nominal', title: 'node', scale: { domain: kinds, range: kinds.map((k) => KIND_COLOURS[k]) } },
            },
          },
          { mark: { type: 'text', dy: -13, fontSize: 10 }, encoding: { x: { field: 'x', type: 'quantitative', ...axis }, y: { field: 'y', type: 'quantitative', ...axis }, text: { field: 'label' } } },
        ],
      },
    ],
  } as Spec;
}
