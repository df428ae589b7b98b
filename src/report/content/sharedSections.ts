/**
 * The sections every report has: the scenario in words, the network it runs on, and how the
 * numbers were made and can be reproduced (the result digest and the commands).
 */
import { buildGraph } from '../../network/buildGraph.js';
import { networkChart } from '../charts/networkChart.js';
import type { Block, Section } from './document.js';
import type { Results } from './readResults.js';
import { scenarioWords } from './scenarioWords.js';

export function scenarioSection(r: Results): Section {
  if ('missing' in r.scenario) return { title: 'Scenario', blocks: [{ kind: 'paragraph', text: `The scenario is not described here: ${r.scenario.missing}.` }] };
  const overrides = r.manifest.scenario.overrides;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: `\`${r.manifest.scenario.file}\`${overrides.length ? `, with ${overrides.map((o) => `\`--set ${o}\``).join(', ')}` : ''} (sha256 \`${r.manifest.scenario.sha256.slice(0, 16)}…\`).`,
    },
  ];
  return { title: 'Scenario', blocks: [...blocks, ...scenarioWords(r.scenario.scenario)] };
}

export function networkSection(r: Results): Section | undefined {
  if ('missing' in r.scenario) return undefined;
  const spec = networkChart(buildGraph(r.scenario.scenario));
  if (!spec) return undefined;
  return {
    title: 'Contagion network',
    blocks: [
      {
        kind: 'chart',
        id: 'network',
        title: 'The world as a network',
        caption:
          "Protocols (red) read oracles (yellow) that price assets (blue) from venues (teal); agents (brown) act on protocols and venues; an asset is linked to the protocol that issues it. Losses travel along these links: sales into venues move oracle prices, and an issuer's losses move its asset. Layout: ForceAtlas2.",
        spec,
      },
    ],
  };
}

export function methodSection(r: Results, extra: Block[] = []): Section {
  const m = r.manifest;
  const blocks: Block[] = [
    ...extra,
    {
      kind: 'paragraph',
      text: `Written by Aftershock ${m.aftershock.version}${m.aftershock.commit ? ` (commit \`${m.aftershock.commit.slice(0, 12)}\`)` : ''}, seed ${m.seed}. Every number above is read from the results folder \`${r.dir}\`, whose result files have the digest \`${m.results?.digest ?? 'not recorded (folder older than digests)'}\` (SHA-256 over the sha256sum lines of its files).`,
    },
  ];
  if (m.reproduce) {
    blocks.push({ kind: 'paragraph', text: 'To check the folder against its inputs and a fresh run, and to reproduce it:' });
    blocks.push({ kind: 'code', text: `aftershock verify ${r.dir}\naftershock ${m.reproduce.map((a) => (/^[\w./=,:@+-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(' ')} --out DIR` });
  }
  return { title: 'Method and reproduction', blocks };
}
