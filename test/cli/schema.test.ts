/**
 * `aftershock schema` prints a JSON Schema that editors can use. Checked with a small validator
 * written here from the JSON Schema 2020-12 keywords the export uses (type, properties, required,
 * additionalProperties, items/prefixItems, anyOf/oneOf/allOf, const/enum, numeric bounds, pattern,
 * $ref): the ready scenarios must pass it, and the malformed fixtures whose defect is structural
 * (not a cross-reference) must fail it, as they fail the zod schema.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { cli } from './spawnCli.js';

type Schema = Record<string, unknown> | boolean;

let printed: { code: number | null; stdout: string; stderr: string };
let root: Record<string, unknown>;

test.before(async () => {
  printed = await cli(['schema']);
  root = JSON.parse(printed.stdout);
});

function resolveRef(ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`external $ref ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (node === undefined) throw new Error(`dangling $ref ${ref}`);
  return node as Schema;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Problems of `value` against `schema`, with their paths; empty when it validates. */
function check(value: unknown, schema: Schema, path = '$'): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: not allowed`];
  // biome-ignore lint/suspicious/noExplicitAny: walks an arbitrary JSON Schema document
  const s = schema as Record<string, any>;
  const errs: string[] = [];
  if (s.$ref) errs.push(...check(value, resolveRef(s.$ref), path));
  if (s.allOf) for (const sub of s.allOf) errs.push(...check(value, sub, path));
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (!s[key]) continue;
    const branches: string[][] = s[key].map((sub: Schema) => check(value, sub, path));
    const passing = branches.filter((b) => b.length === 0).length;
    if (passing === 0) {
      // the closest branch's problems say what is wrong inside
      const closest = branches.slice().sort((a, b) => a.length - b.length)[0];
      errs.push(`${path}: matches no ${key} branch`, ...closest);
    } else if (key === 'oneOf' && passing > 1) errs.push(`${path}: matches ${passing} oneOf branches`);
  }
  if (s.type !== undefined) {
    const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
    const t = typeOf(value);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) return [...errs, `${path}: expected ${types.join('|')}, got ${t}`];
  }
  if (s.const !== undefined && JSON.stringify(s.const) !== JSON.stringify(value)) errs.push(`${path}: expected ${JSON.stringify(s.const)}`);
  if (s.enum && !s.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(value))) errs.push(`${path}: not in enum`);
  if (typeof value === 'number') {
    if (s.minimum !== undefined && !(value >= s.minimum)) errs.push(`${path}: below minimum ${s.minimum}`);
    if (s.maximum !== undefined && !(value <= s.maximum)) errs.push(`${path}: above maximum ${s.maximum}`);
    if (s.exclusiveMinimum !== undefined && !(value > s.exclusiveMinimum)) errs.push(`${path}: not above ${s.exclusiveMinimum}`);
    if (s.exclusiveMaximum !== undefined && !(value < s.exclusiveMaximum)) errs.push(`${path}: not below ${s.exclusiveMaximum}`);
  }
  if (typeof value === 'string') {
    if (s.pattern && !new RegExp(s.pattern, 'u').test(value)) errs.push(`${path}: does not match ${s.pattern}`);
    if (s.minLength !== undefined && value.length < s.minLength) errs.push(`${path}: too short`);
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) errs.push(`${path}: fewer than ${s.minItems} items`);
    if (s.maxItems !== undefined && value.length > s.maxItems) errs.push(`${path}: more than ${s.maxItems} items`);
    const prefix: Schema[] = s.prefixItems ?? [];
    value.forEach((v, i) => {
      const sub = i < prefix.length ? prefix[i] : s.items;
      if (sub !== undefined) errs.push(...check(v, sub, `${path}[${i}]`));
    });
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    for (const k of s.required ?? []) if (!(k in o)) errs.push(`${path}.${k}: required`);
    const props: Record<string, Schema> = s.properties ?? {};
    for (const [k, v] of Object.entries(o)) {
      if (k in props) errs.push(...check(v, props[k], `${path}.${k}`));
      else if (s.additionalProperties !== undefined) errs.push(...check(v, s.additionalProperties, `${path}.${k}`));
    }
  }
  return errs;
}

const yamlOf = (file: string) => parse(readFileSync(file, 'utf8'));

test('schema prints one JSON Schema document on stdout and nothing on stderr', () => {
  assert.is(printed.code, 0, printed.stderr);
  assert.is(printed.stderr, '');
  assert.match(String(root.$schema), /json-schema\.org/);
  assert.is(root.type, 'object');
  assert.is(root.additionalProperties, false); // scenario objects are strict
  assert.equal((root.required as string[]).slice().sort(), ['assets', 'name']);
});

test('every top-level key of the demo is a schema property; required keys are in the demo', () => {
  const demo = yamlOf('scenarios/demo.yaml');
  const props = Object.keys(root.properties as object);
  for (const k of Object.keys(demo)) assert.ok(props.includes(k), k);
  for (const k of root.required as string[]) assert.ok(k in demo, k);
});

test('the ready scenarios and the small fixture validate against the exported schema', () => {
  for (const f of ['scenarios/demo.yaml', 'scenarios/governance.yaml', 'scenarios/black-thursday-2020.yaml', 'test/fixtures/scenarios/small.yaml']) {
    assert.equal(check(yamlOf(f), root), [], f);
  }
});

test('structurally malformed fixtures fail the exported schema where the zod schema fails them', () => {
  const cases: [string, RegExp][] = [
    ['threshold-above-one.yaml', /protocols\[0\]\.reserves\[1\]\.liquidationThreshold: above maximum 1/],
    ['unknown-top-level-field.yaml', /\$\.duration: not allowed/],
    ['wrong-type.yaml', /venues\[0\]/],
    ['negative-balance.yaml', /venues\[1\]/],
    ['missing-required-field.yaml', /liquidationThreshold: required/],
    ['bad-distribution.yaml', /positions\[0\]/],
    ['negative-size.yaml', /positions\[0\]/],
  ];
  for (const [f, re] of cases) {
    const errs = check(yamlOf(`test/fixtures/bad-scenarios/${f}`), root);
    assert.ok(errs.length > 0, f);
    assert.ok(
      errs.some((e) => re.test(e)),
      `${f}: ${errs.join('; ')}`,
    );
  }
});

test.run();
