/**
 * Generated malformed inputs: one mutation of one seed (a shipped scenario or a fixture, or one of
 * the CSV files it refers to) per case, drawn from the project's seeded generator, so case i of
 * seed s is the same bytes on every machine.
 *
 * Scalar and key mutations edit the text at the ranges the YAML parser reports, so the rest of
 * the file (comments, line numbers) is untouched. Each mutation says whether it must make the
 * input invalid (`mustFail`: non-finite and out-of-range numbers, wrong types, unknown and
 * dangerous keys, dangling references, special files, alias bombs, …) or may happen to leave a
 * valid scenario (`mayFail`: a truncation at a line end, a boundary number, a removed key with a
 * default), which the harness classifies by the exit code.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { Rng, deriveSeed } from '../../src/util/rng.js';
import type { Seed, SeedFile } from './corpus.js';

export type Command = 'validate' | 'run';

/** Paths of the special files a case may point at (made once per fuzz run, outside the case folders). */
export interface SpecialPaths {
  fifo: string;
  folder: string;
  devZero: string;
  missing: string;
}

export interface FuzzCase {
  index: number;
  seed: string;
  mutation: string;
  mustFail: boolean;
  command: Command;
  /** The scenario's text after the mutation (unused when `scenarioAt` points elsewhere). */
  text: string;
  /** The seed's files, one of them perhaps mutated (relative to the repository root). */
  files: { rel: string; text: string | Buffer }[];
  /** The scenario argument is this special path instead of the written file. */
  scenarioAt?: string;
  /** Extra environment for the call (a lowered size limit). */
  env?: Record<string, string>;
  /** A fast run's `--set horizon=` in seconds. */
  runHorizon?: number;
}

type PathKey = string | number;

interface ScalarSite {
  path: PathKey[];
  key: string | undefined;
  start: number;
  end: number;
  value: unknown;
}

interface MapSite {
  path: PathKey[];
  flow: boolean;
  /** Offset of the opening `{` (flow) or of the first key (block). */
  at: number;
  col: number;
  keys: { key: string; start: number }[];
}

interface Sites {
  scalars: ScalarSite[];
  maps: MapSite[];
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Every value scalar and every mapping of the document, with their paths and text ranges. */
function sitesOf(text: string): Sites {
  const doc = parseDocument(text, { uniqueKeys: false });
  const out: Sites = { scalars: [], maps: [] };
  const walk = (node: unknown, path: PathKey[], key: string | undefined) => {
    if (isScalar(node) && node.range) out.scalars.push({ path, key, start: node.range[0], end: node.range[1], value: node.value });
    else if (isMap(node) && node.range) {
      const keys = node.items.flatMap((p) => (isPair(p) && isScalar(p.key) && p.key.range ? [{ key: String(p.key.value), start: p.key.range[0] }] : []));
      const flow = Boolean(node.flow);
      const at = flow ? node.range[0] : (keys[0]?.start ?? node.range[0]);
      out.maps.push({ path, flow, at, col: columnOf(text, at), keys });
      for (const p of node.items) if (isPair(p) && isScalar(p.key)) walk(p.value, [...path, String(p.key.value)], String(p.key.value));
    } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i], key));
  };
  walk(doc.contents as Node, [], undefined);
  return out;
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)];
const splice = (text: string, start: number, end: number, insert: string) => text.slice(0, start) + insert + text.slice(end);
const fmt = (path: PathKey[]) =>
  path
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`))
    .join('')
    .replace(/^\./, '') || '(root)';

const NON_FINITE = ['.inf', '-.inf', '.nan', '.NaN', '1e309', '-1e400', '.Inf'];
const EXTREME = ['1e300', '-1e300', '1e-320', '5e-324', '1e16', '-2e15', '1e-16', '123456789012345678901234567890'];
const WRONG_FOR_NUMBER = ['zzz', '"12 apples"', 'true', 'null', '~', '[1, 2]', '{ a: 1 }', "''"];
const WRONG_FOR_STRING = ['[a, b]', '{ a: 1 }', 'true', 'null', '[]'];
const WRONG_FOR_BOOL = ['maybe', '1', 'null', '[true]', '"yes"'];
const DANGEROUS = ['__proto__', 'constructor', 'prototype'];

function boundaryNumbers(x: number): string[] {
  return ['0', '-1', '1', '0.5', '2', '1e15', '1e-15', '-0', String(x * 10), String(x / 10), String(-x), '0x10', '0o17', '1_000', '1e14'];
}

/** A mutation of the scenario text: the new text, a description, and whether it must be invalid. */
interface TextMutation {
  text: string;
  mutation: string;
  mustFail: boolean;
  /** The mutation changed the horizon, which a fast run overrides: it may then pass. */
  touchesHorizon?: boolean;
}

function mutateScalar(rng: Rng, text: string, sites: Sites, seed: Seed): TextMutation | null {
  if (sites.scalars.length === 0) return null;
  const s = pick(rng, sites.scalars);
  const at = fmt(s.path);
  const put = (v: string, mustFail: boolean, what: string): TextMutation => ({
    text: splice(text, s.start, s.end, v),
    mutation: `${what}: ${JSON.stringify(v)} at ${at}`,
    mustFail,
    touchesHorizon: s.path[0] === 'horizon',
  });
  const r = rng.uniform();
  if (typeof s.value === 'number') {
    if (r < 0.3) return put(pick(rng, NON_FINITE), true, 'non-finite number');
    if (r < 0.55) return put(pick(rng, EXTREME), true, 'extreme number');
    if (r < 0.8) return put(pick(rng, WRONG_FOR_NUMBER), true, 'wrong type for a number');
    return put(pick(rng, boundaryNumbers(s.value)), false, 'boundary number');
  }
  if (typeof s.value === 'boolean') return put(pick(rng, WRONG_FOR_BOOL), true, 'wrong type for true/false');
  if (typeof s.value === 'string') {
    if (s.key === 'file') return null; // special files have their own mutation
    const isReference = s.key !== 'id' && seed.ids.includes(s.value);
    if (isReference && r < 0.5) return put('nope-404', true, 'dangling reference');
    if (r < 0.7) return put(pick(rng, WRONG_FOR_STRING), true, 'wrong type for a text');
    return put(pick(rng, ['42', '-1', '0', '1e300']), false, 'a number for a text');
  }
  return put(pick(rng, ['1', 'x', '[]']), false, 'a value for an empty field');
}

function insertKey(rng: Rng, text: string, sites: Sites, key: string, what: string, mustFail: boolean): TextMutation | null {
  if (sites.maps.length === 0) return null;
  const m = pick(rng, sites.maps);
  const value = pick(rng, ['1', 'x', '{ polluted: 1 }', '[1]', 'null']);
  if (m.flow) return { text: splice(text, m.at + 1, m.at + 1, ` ${key}: ${value},`), mutation: `${what}: ${key} in ${fmt(m.path)}`, mustFail };
  return { text: splice(text, m.at, m.at, `${key}: ${value}\n${' '.repeat(m.col)}`), mutation: `${what}: ${key} in ${fmt(m.path)}`, mustFail };
}

function duplicateKey(rng: Rng, text: string, sites: Sites): TextMutation | null {
  const maps = sites.maps.filter((m) => m.keys.length > 0);
  if (maps.length === 0) return null;
  const m = pick(rng, maps);
  const k = pick(rng, m.keys);
  if (m.flow) return { text: splice(text, m.at + 1, m.at + 1, ` ${k.key}: 0,`), mutation: `duplicate key: ${k.key} in ${fmt(m.path)}`, mustFail: true };
  return { text: splice(text, k.start, k.start, `${k.key}: 0\n${' '.repeat(columnOf(text, k.start))}`), mutation: `duplicate key: ${k.key} in ${fmt(m.path)}`, mustFail: true };
}

function removeKey(rng: Rng, text: string): TextMutation | null {
  const doc = parseDocument(text, { uniqueKeys: false });
  const sites = sitesOf(text).maps.filter((m) => m.keys.length > 0);
  if (sites.length === 0) return null;
  const m = pick(rng, sites);
  const k = pick(rng, m.keys).key;
  doc.deleteIn([...m.path, k]);
  return { text: doc.toString(), mutation: `removed key: ${k} of ${fmt(m.path)}`, mustFail: false, touchesHorizon: m.path.length === 0 && k === 'horizon' };
}

function aliasBomb(rng: Rng): string {
  const width = 5 + rng.int(6);
  let s = `lol0: &l0 [${Array(width).fill('lol').join(', ')}]\n`;
  for (let i = 1; i < 10; i++)
    s += `lol${i}: &l${i} [${Array(width)
      .fill(`*l${i - 1}`)
      .join(', ')}]\n`;
  return s;
}

function textMutation(rng: Rng, seed: Seed): TextMutation {
  const text = seed.text;
  const sites = sitesOf(text);
  for (;;) {
    const r = rng.uniform();
    let m: TextMutation | null = null;
    if (r < 0.42) m = mutateScalar(rng, text, sites, seed);
    else if (r < 0.5) m = insertKey(rng, text, sites, `zz${rng.int(1000)}`, 'unknown key', true);
    else if (r < 0.58) m = insertKey(rng, text, sites, pick(rng, DANGEROUS), 'dangerous key', true);
    else if (r < 0.63) m = duplicateKey(rng, text, sites);
    else if (r < 0.69) m = removeKey(rng, text);
    else if (r < 0.76) {
      const at = rng.int(text.length);
      m = { text: text.slice(0, at), mutation: `truncated: at byte ${at} of ${text.length}`, mustFail: false, touchesHorizon: true };
    } else if (r < 0.82) {
      const at = rng.int(text.length + 1);
      const noise = pick(rng, ['{', ']', ': :', '\t', '&', '*zz', '!!x ', '"', '- ', '%', '@', '`', '? ', '|\n', '>-\n', '\uFEFF', '\r']);
      m = { text: splice(text, at, at, noise), mutation: `inserted noise: ${JSON.stringify(noise)} at byte ${at}`, mustFail: false, touchesHorizon: true };
    } else if (r < 0.85) {
      m = { text: text + aliasBomb(rng), mutation: 'alias bomb: appended', mustFail: true };
    } else if (r < 0.89 && sites.scalars.length > 0) {
      const s = pick(rng, sites.scalars.filter((x) => x.key !== 'file').length ? sites.scalars.filter((x) => x.key !== 'file') : sites.scalars);
      const depth = 70 + rng.int(300);
      const v = pick(rng, ['*undefined_alias', '['.repeat(depth) + ']'.repeat(depth), '{a: '.repeat(depth) + '1' + '}'.repeat(depth)]);
      m = { text: splice(text, s.start, s.end, v), mutation: `${v.startsWith('*') ? 'undefined alias: ' : `deep nesting: ${depth} levels `}at ${fmt(s.path)}`, mustFail: true };
    } else if (r < 0.92) {
      const at = rng.int(text.length + 1);
      m = { text: splice(text, at, at, '\u0000'), mutation: `NUL byte: at ${at}`, mustFail: true };
    } else if (r < 0.95) {
      m = { text: `${text}\n---\n${text}`, mutation: 'two documents: the text twice', mustFail: true };
    } else {
      // every value that names a file points at something that is not a regular file
      const fileSites = sites.scalars.filter((x) => x.key === 'file');
      if (fileSites.length === 0) continue;
      const s = pick(rng, fileSites);
      m = { text: splice(text, s.start, s.end, '@SPECIAL@'), mutation: `special file reference: at ${fmt(s.path)}`, mustFail: true };
    }
    if (m) return m;
  }
}

const BAD_CELLS = ['1e309', 'Infinity', '-Infinity', 'NaN', '0x10', '-5', '2e15', '1e-320', 'abc', '', '1,5'];

/** A mutation of one of the seed's CSV files; null when the seed has none. */
function csvMutation(rng: Rng, file: SeedFile): { text: string | Buffer; mutation: string; mustFail: boolean } {
  const lines = file.text.split('\n');
  const rows = lines.map((l, i) => ({ l, i })).filter((x) => x.i > 0 && x.l.trim() !== '' && x.l.includes(','));
  const row = rows.length ? pick(rng, rows) : { l: lines[0], i: 0 };
  const cells = row.l.split(',');
  const strict = file.kind !== 'prices'; // a price CSV is read in two of its columns only
  const r = rng.uniform();
  const set = (text: string, mutation: string, mustFail: boolean) => ({ text, mutation: `${file.kind} csv ${mutation} in ${file.rel}`, mustFail });
  const withRow = (l: string) => lines.map((x, i) => (i === row.i ? l : x)).join('\n');
  const header = lines[0].split(',').map((h) => h.trim());
  if (r < 0.4) {
    // in a positions or vaults file every cell is read, and none of these is an asset id or an amount;
    // an account snapshot's `account` cell is any name but an empty one ('1,5' adds a cell)
    const c = rng.int(cells.length);
    const v = pick(rng, BAD_CELLS);
    const freeText = row.i > 0 && header[c] === 'account' && v !== '' && v !== '1,5';
    return set(withRow(cells.map((x, j) => (j === c ? v : x)).join(',')), `bad cell: ${JSON.stringify(v)} in column ${c} on line ${row.i + 1}`, strict && !freeText);
  }
  if (r < 0.55) return set(withRow(`${row.l},7`), `extra cell: line ${row.i + 1}`, true);
  if (r < 0.65) return set(withRow(cells.slice(0, -1).join(',')), `missing cell: line ${row.i + 1}`, true);
  const [ci, di] = [header.indexOf('collateral'), header.indexOf('debt')];
  // (in an account snapshot `collateral` and `debt` are amounts, and one asset may be on both sides)
  if (r < 0.75 && file.kind === 'positions' && ci >= 0 && di >= 0 && row.i > 0 && !header.includes('account')) {
    return set(withRow(cells.map((x, j) => (j === di ? cells[ci] : x)).join(',')), `same asset as collateral and debt: line ${row.i + 1}`, true);
  }
  if (r < 0.8 && strict) return set([`${lines[0]},note`, ...lines.slice(1)].join('\n'), 'unknown column: note', true);
  if (r < 0.9) {
    const at = rng.int(file.text.length);
    return set(file.text.slice(0, at), `truncated: at byte ${at}`, at === 0 || (strict && at < lines[0].length));
  }
  if (r < 0.95) return set('', 'emptied: 0 bytes', true);
  return { text: Buffer.from([0x63, 0x00, 0xff, 0x0a, 0x00]), mutation: `${file.kind} csv binary: ${file.rel}`, mustFail: true };
}

/**
 * The seed with one more entry in a protocol's positions (or vaults): `{ file: fuzz-….csv }`, and
 * that CSV with a few well-formed rows (columns in a random order). The caller then mutates the
 * CSV, or leaves it valid as a control. Null when the seed has no such protocol.
 */
function withHoldingsCsv(rng: Rng, seed: Seed): { text: string; file: SeedFile } | null {
  const choices = [
    ...seed.lending.filter((l) => l.assets.length >= 2).map((l) => ({ kind: 'positions' as const, l })),
    ...seed.cdp.filter((c) => c.ilks.length > 0).map((c) => ({ kind: 'vaults' as const, c })),
  ];
  if (choices.length === 0) return null;
  const choice = pick(rng, choices);
  const doc = parseDocument(seed.text);
  const name = `fuzz-${choice.kind}.csv`;
  const rows: string[][] = [];
  let header: string[];
  if (choice.kind === 'positions') {
    const { assets, index } = choice.l;
    header = rng.shuffle(['collateral', 'debt', 'collateralAmount', 'debtAmount']);
    for (let k = 1 + rng.int(4); k > 0; k--) {
      const c = pick(rng, assets);
      const d = pick(
        rng,
        assets.filter((a) => a !== c),
      );
      const row: Record<string, string> = { collateral: c, debt: d, collateralAmount: String(1 + rng.int(100)), debtAmount: String(rng.int(50)) };
      rows.push(header.map((h) => row[h]));
    }
    doc.addIn(['protocols', index, 'positions'], doc.createNode({ file: name }));
  } else {
    const { ilks, index } = choice.c;
    header = rng.shuffle(['ilk', 'collateral', 'debt']);
    for (let k = 1 + rng.int(4); k > 0; k--) {
      const row: Record<string, string> = { ilk: pick(rng, ilks), collateral: String(1 + rng.int(100)), debt: String(rng.int(50)) };
      rows.push(header.map((h) => row[h]));
    }
    doc.addIn(['protocols', index, 'vaults'], doc.createNode({ file: name }));
  }
  const dir = seed.rel.slice(0, seed.rel.lastIndexOf('/'));
  return { text: doc.toString(), file: { rel: `${dir}/${name}`, kind: choice.kind, text: `${[header, ...rows].map((r) => r.join(',')).join('\n')}\n` } };
}

/**
 * Case `index` of a fuzz run with master seed `seedValue`: its own stream of the generator, seeded
 * by `deriveSeed(seedValue, index)`, so any case can be rebuilt alone from the two numbers.
 */
export function generateCase(seedValue: number, index: number, corpus: Seed[], special: SpecialPaths): FuzzCase {
  const rng = new Rng(deriveSeed(seedValue, index));
  const seed = pick(rng, corpus);
  const base: Omit<FuzzCase, 'mutation' | 'mustFail' | 'command'> = { index, seed: seed.rel, text: seed.text, files: seed.files.map((f) => ({ rel: f.rel, text: f.text })) };
  const command: Command = seed.runHorizon !== null && rng.uniform() < 0.35 ? 'run' : 'validate';
  const withRun = (c: FuzzCase): FuzzCase => (c.command === 'run' ? { ...c, runHorizon: seed.runHorizon! } : c);
  const r = rng.uniform();
  if (r < 0.05) {
    const where = pick(rng, ['fifo', 'folder', 'devZero', 'missing'] as const);
    return withRun({ ...base, command, mutation: `special scenario path: ${where}`, mustFail: true, scenarioAt: special[where] });
  }
  if (r < 0.08) {
    const limit = 16 + rng.int(Buffer.byteLength(seed.text) - 16);
    return withRun({
      ...base,
      command,
      mutation: `size limit: AFTERSHOCK_MAX_INPUT_SIZE=${limit}, the scenario is ${Buffer.byteLength(seed.text)} bytes`,
      mustFail: true,
      env: { AFTERSHOCK_MAX_INPUT_SIZE: String(limit) },
    });
  }
  if (r < 0.2) {
    const added = withHoldingsCsv(rng, seed);
    if (added) {
      // a fifth of these keep the CSV as written: the control that a well-formed one is read
      if (rng.uniform() < 0.2)
        return withRun({
          ...base,
          text: added.text,
          files: [...base.files, { rel: added.file.rel, text: added.file.text }],
          command,
          mutation: `${added.file.kind} csv added: ${added.file.rel}`,
          mustFail: false,
        });
      const m = csvMutation(rng, added.file);
      return withRun({ ...base, text: added.text, files: [...base.files, { rel: added.file.rel, text: m.text }], command, mutation: m.mutation, mustFail: m.mustFail });
    }
  }
  if (r < 0.3 && seed.files.length > 0) {
    const which = rng.int(seed.files.length);
    const m = csvMutation(rng, seed.files[which]);
    const files = base.files.map((f, i) => (i === which ? { rel: f.rel, text: m.text } : f));
    return withRun({ ...base, files, command, mutation: m.mutation, mustFail: m.mustFail });
  }
  const m = textMutation(rng, seed);
  let text = m.text;
  let mutation = m.mutation;
  if (text.includes('@SPECIAL@')) {
    const where = pick(rng, ['fifo', 'folder', 'devZero', 'missing'] as const);
    text = text.replace('@SPECIAL@', special[where]);
    mutation = `${mutation} is ${where}`;
  }
  const mustFail = m.mustFail && !(command === 'run' && m.touchesHorizon);
  return withRun({ ...base, text, command, mutation, mustFail });
}
