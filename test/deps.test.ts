/**
 * The layering rules of .dependency-cruiser.cjs fail when broken. The checker runs, with the
 * repository's own configuration, on a small tree written to a temporary folder (never into src/)
 * that breaks every rule once, in a known place. The reference is the list of violations planted
 * by hand; `npm test` runs the same checker on the real tree, which must pass.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const CONFIG = resolve('.dependency-cruiser.cjs');
const CHECKER = resolve('node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/**
 * Writes `files` into a fresh temporary tree, runs the checker there as `npm run deps` runs it
 * (its default report: one `error rule: from → to` line per violation, exit code non-zero on any),
 * and removes the tree.
 */
function check(files: Record<string, string>): { status: number | null; violations: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'aftershock-deps-'));
  try {
    const all = { 'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }), ...files };
    for (const [path, text] of Object.entries(all)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const r = spawnSync(process.execPath, [CHECKER, 'src', 'agents', '--config', CONFIG], { cwd: root, encoding: 'utf8' });
    const report = `${r.stdout}${r.stderr}`;
    if (!/dependencies cruised|no dependency violations/.test(report)) throw new Error(`the checker did not run: ${report}`);
    const violations = [...report.matchAll(/^\s*error (\S+): (\S+) → (\S+)$/gm)].map((m) => `${m[1]}: ${m[2]} → ${m[3]}`).sort();
    return { status: r.status, violations };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// every rule broken once, in a known place, beside imports the rules allow (observations use sim
// and a protocol kind; sim's builders use a
// protocol kind, sim uses the venues and protocols' declarations, the CLI and the library face use
// rl, rl uses sim, risk uses models, models use util): one run
// of the checker, which takes a few seconds; `npm test` shows the real tree passes
const tree: Record<string, string> = {
  'src/util/u.ts': 'export const u = 1;\n',
  'src/models/m.ts': "import { u } from '../util/u.js';\nimport type { Scenario } from '../scenario/schema.js';\nexport type M = Scenario;\nexport const m = u;\n",
  'src/risk/k.ts': "import { m } from '../models/m.js';\nimport type { P } from '../protocols/p.js';\nexport type K = P;\nexport const k = m;\n",
  'src/protocols/p.ts': "import type { S } from '../sim/s.js';\nexport type P = S;\n",
  'src/sim/s.ts':
    "import type { Venue } from '../protocols/venues/venue.js';\nimport { a } from '../../agents/a.js';\nimport type { O } from '../observation/o.js';\nexport type S = number;\nexport type V = Venue | O;\nexport const s = a;\n",
  'src/observation/o.ts': "import type { Market } from '../protocols/lending/market.js';\nimport type { S } from '../sim/s.js';\nexport type O = Market | S;\n",
  'agents/a.ts': 'export const a = 1;\n',
  'src/protocols/lending/market.ts': 'export class Market {}\n',
  'src/protocols/venues/venue.ts': 'export interface Venue { id: string }\n',
  'src/sim/build/lending.ts': "import { Market } from '../../protocols/lending/market.js';\nexport const build = () => new Market();\n",
  'src/sim/settle.ts': "import type { Venue } from '../protocols/venues/venue.js';\nimport { Market } from '../protocols/lending/market.js';\nexport type V = Venue;\nexport const m = new Market();\n",
  'src/scenario/schema.ts': 'export type Scenario = { id: string };\n',
  'src/network/n.ts': "import type { Scenario } from '../scenario/schema.js';\nexport type N = Scenario;\n",
  'src/rl/env.ts': "import type { S } from '../sim/s.js';\nexport type Env = S;\n",
  'src/report/r.ts': "import type { Env } from '../rl/env.js';\nexport type R = Env;\n",
  'src/cli/c.ts': "import type { Env } from '../rl/env.js';\nimport { gone } from './missing.js';\nexport type C = Env;\nexport const c = gone;\n",
  'src/index.ts': "export type { Env } from './rl/env.js';\n",
  // the path task may import the RL layer's agent factory (policy agents in path workers), nothing else of it
  'src/rl/agents/factory.ts': "import type { Env } from '../env.js';\nexport type F = Env;\n",
  'src/parallel/pathTask.ts': "import type { F } from '../rl/agents/factory.js';\nimport type { Env } from '../rl/env.js';\nexport type T = F | Env;\n",
  'src/parallel/pool.ts': "import type { F } from '../rl/agents/factory.js';\nexport type P = F;\n",
};

test('each layering rule fails on its deliberate violation (type-only imports count), and only there', () => {
  const r = check(tree);
  assert.equal(r.violations, [
    'models-risk-standalone: src/models/m.ts → src/scenario/schema.ts',
    'models-risk-standalone: src/risk/k.ts → src/protocols/p.ts',
    'network-not-scenario-schema: src/network/n.ts → src/scenario/schema.ts',
    'path-workers-only-policy-agents: src/parallel/pathTask.ts → src/rl/env.ts',
    'protocols-not-sim: src/protocols/p.ts → src/sim/s.ts',
    'resolvable: src/cli/c.ts → ./missing.js',
    'rl-only-from-cli: src/parallel/pool.ts → src/rl/agents/factory.ts',
    'rl-only-from-cli: src/report/r.ts → src/rl/env.ts',
    'sim-kinds-in-builders: src/sim/settle.ts → src/protocols/lending/market.ts',
    'sim-not-agents: src/sim/s.ts → agents/a.ts',
    'sim-not-observation: src/sim/s.ts → src/observation/o.ts',
  ]);
  assert.is.not(r.status, 0);
});

test.run();
