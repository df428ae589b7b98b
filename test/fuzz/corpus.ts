/**
 * The seeds the fuzzer mutates: every shipped scenario (scenarios/) and the test fixtures
 * (test/fixtures/scenarios/), each with the files it refers to (`file:` fields: positions CSVs,
 * price replays), read once. Also, per seed, the horizon a fast `run` uses: the last shock's start
 * plus three steps, or none when that is more than a few hundred steps (such seeds are only
 * validated, so a case costs milliseconds, not seconds).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { parse } from 'yaml';
import { parseDuration } from '../../src/scenario/units.js';

export interface SeedFile {
  /** Path relative to the repository root, e.g. `data/eth-usd-hourly-….csv`. */
  rel: string;
  text: string;
  /** What reads it: a positions or vaults CSV is parsed strictly in every cell, a price CSV in two columns. */
  kind: 'positions' | 'vaults' | 'prices';
}

export interface Seed {
  /** Path relative to the repository root, e.g. `scenarios/demo.yaml`. */
  rel: string;
  text: string;
  files: SeedFile[];
  /** The `--set horizon=…` of a fast run (seconds), or null: validate only. */
  runHorizon: number | null;
  /** Ids the scenario defines (for dangling references). */
  ids: string[];
  /** Lending protocols (index, reserve assets) and CDP systems (index, vault types), to give them a CSV. */
  lending: { index: number; assets: string[] }[];
  cdp: { index: number; ilks: string[] }[];
}

const SEED_DIRS = ['scenarios', 'test/fixtures/scenarios'];
const MAX_RUN_STEPS = 400;

/** Every `file:` value with what reads it, found by walking the parsed document. */
function referencedFiles(doc: unknown): { file: string; kind: SeedFile['kind'] }[] {
  const out: { file: string; kind: SeedFile['kind'] }[] = [];
  const walk = (node: unknown, parentKey: string) => {
    if (Array.isArray(node)) node.forEach((n) => walk(n, parentKey));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'file' && typeof v === 'string') out.push({ file: v, kind: parentKey === 'positions' ? 'positions' : parentKey === 'vaults' ? 'vaults' : 'prices' });
        else walk(v, k);
      }
    }
  };
  walk(doc, '');
  return out;
}

function collectIds(doc: unknown, out: Set<string>): void {
  if (Array.isArray(doc)) doc.forEach((d) => collectIds(d, out));
  else if (doc && typeof doc === 'object') {
    for (const [k, v] of Object.entries(doc)) {
      if (k === 'id' && typeof v === 'string') out.add(v);
      else collectIds(v, out);
    }
  }
}

export function loadCorpus(root = '.'): Seed[] {
  const seeds: Seed[] = [];
  for (const dir of SEED_DIRS) {
    for (const name of readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.yaml'))
      .sort()) {
      const rel = `${dir}/${name}`;
      const text = readFileSync(join(root, rel), 'utf8');
      const doc = parse(text) as {
        horizon?: string | number;
        market?: { dt?: string | number };
        shocks?: { start?: string | number }[];
        protocols?: { kind: string; reserves?: { asset: string }[]; ilks?: { id: string }[] }[];
      };
      const files = referencedFiles(doc).map(({ file, kind }) => {
        const fileRel = normalize(join(dirname(rel), file));
        return { rel: fileRel, text: readFileSync(join(root, fileRel), 'utf8'), kind };
      });
      const dt = parseDuration(doc.market?.dt ?? 60);
      const lastShock = Math.max(0, ...(doc.shocks ?? []).map((s) => parseDuration(s.start ?? 0)));
      const horizon = lastShock + 3 * dt;
      const ids = new Set<string>();
      collectIds(doc, ids);
      const protocols = (doc.protocols ?? []).map((p, index) => ({ p, index }));
      const lending = protocols.filter(({ p }) => p.kind === 'lending').map(({ p, index }) => ({ index, assets: (p.reserves ?? []).map((r) => r.asset) }));
      const cdp = protocols.filter(({ p }) => p.kind === 'cdp').map(({ p, index }) => ({ index, ilks: (p.ilks ?? []).map((k) => k.id) }));
      seeds.push({ rel, text, files, runHorizon: horizon / dt <= MAX_RUN_STEPS ? horizon : null, ids: [...ids], lending, cdp });
    }
  }
  return seeds;
}
