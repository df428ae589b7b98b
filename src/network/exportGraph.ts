/**
 * Writing the world graph for network researchers: graphology's own JSON serialisation (which
 * `Graph.from` reads back) and GEXF 1.3, which Gephi opens.
 */
import gexf from 'graphology-gexf';
import type { WorldGraph } from './buildGraph.js';

export function graphToJson(g: WorldGraph): string {
  return `${JSON.stringify(g.export(), null, 2)}\n`;
}

export function graphToGexf(g: WorldGraph): string {
  return gexf.write(g, {
    formatNode: (key, attrs) => {
      const { label, ...rest } = attrs;
      return { label, attributes: Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean)])) };
    },
    formatEdge: (_key, attrs) => ({ attributes: Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, v as string | number | boolean])) }),
  });
}
