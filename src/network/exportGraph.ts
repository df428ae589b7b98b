/**
 * Writing the world graph for network researchers: graphology's own JSON serialisation (which
 * `Graph.from` reads back) and GEXF 1.3, which Gephi opens.
 */
import { lstatSync, readFileSync } from 'node:fs';
import gexf from 'graphology-gexf';
import type { WorldGraph } from './buildGraph.js';

/** The graph attribute that marks a file as written by Aftershock (GEXF: `<meta><creator>`). */
export const GRAPH_CREATOR = 'Aftershock';

export function graphToJson(g: WorldGraph): string {
  return `${JSON.stringify(g.export(), null, 2)}\n`;
}

export function graphToGexf(g: WorldGraph): string {
  return gexf.write(g, {
    formatNode: (_key, attrs) => {
      const { label, ...rest } = attrs;
      return { label, attributes: Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean)])) };
    },
    formatEdge: (_key, attrs) => ({ attributes: Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, v as string | number | boolean])) }),
  });
}

/**
 * Why `file` may not be replaced by a graph export, or undefined when it may: it does not exist,
 * or it is a graph file that Aftershock wrote (its creator attribute says so).
 */
export function replaceableGraphFile(file: string): string | undefined {
  let isFile: boolean;
  try {
    isFile = lstatSync(file).isFile();
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : `cannot be checked (${(err as Error).message})`;
  }
  if (!isFile) return 'exists and is not a regular file';
  const text = readFileSync(file, 'utf8');
  const ours = file.endsWith('.gexf')
    ? text.includes(`<creator>${GRAPH_CREATOR}</creator>`)
    : (() => {
        try {
          return (JSON.parse(text) as { attributes?: { creator?: unknown } }).attributes?.creator === GRAPH_CREATOR;
        } catch {
          return false;
        }
      })();
  return ours ? undefined : 'exists and was not written by Aftershock';
}
