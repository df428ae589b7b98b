/**
 * Importing the library must not need `skipLibCheck` (issue 16 item 11): the declarations the
 * package publishes (dist/src/index.d.ts, emitted here from the sources with the build's own
 * tsconfig) are type-checked from a tiny consumer project with `skipLibCheck: false`, so every
 * package type they reach is checked too. TensorFlow.js's typings need the DOM library and fail
 * there, so they must stay out of what index.d.ts reaches. The README's library example is
 * compiled with it, so the example cannot drift from the API. About 20-30 s (two compiler runs), so
 * `npm run test:quick` leaves it out.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const tsc = resolve('node_modules/typescript/bin/tsc');

function compile(args: string[]): { ok: boolean; output: string } {
  try {
    return { ok: true, output: execFileSync(process.execPath, [tsc, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
}

test('a consumer type-checks against the published declarations with skipLibCheck false', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'aftershock-types-'));
  try {
    const emitted = compile(['-p', 'tsconfig.build.json', '--emitDeclarationOnly', '--outDir', tmp]);
    assert.ok(emitted.ok, emitted.output);
    // the packages the declarations name resolve as they would in a user's project
    symlinkSync(resolve('node_modules'), join(tmp, 'node_modules'), 'dir');
    const consumer = join(tmp, 'consumer');
    mkdirSync(consumer);
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, noEmit: true, types: ['node'], lib: ['ES2023'] },
        files: ['consumer.ts', 'readme.ts'],
      }),
    );
    // the README's library example, as written, is one of the consumer's files
    const readme = readFileSync('README.md', 'utf8');
    const example = /\*\*As a library\.\*\*[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(example, "README's library example");
    writeFileSync(join(consumer, 'package.json'), '{"type": "module"}\n');
    writeFileSync(join(consumer, 'readme.ts'), example.replace("from 'aftershock'", "from '../src/index.js'") + 'export {};\n');
    writeFileSync(
      join(consumer, 'consumer.ts'),
      [
        "import { runScenario, fitGarch, historicalVaR, type PathRun, type PathsRun, type RunScenarioOptions } from '../src/index.js';",
        "const options: RunScenarioOptions = { paths: 100, workers: 2, seed: 7, overrides: ['horizon=6h'] };",
        'export async function main(): Promise<number> {',
        "  const r: PathRun | PathsRun = await runScenario('scenarios/demo.yaml', options);",
        "  if (r.kind === 'paths') return (r.summary.badDebt.es99 ?? 0) + r.records.length + r.start.totals.debtUsd;",
        "  return r.summary.badDebt + r.timeseries['ref.ETH'][0] + r.events.length;",
        '}',
        'export const fns = [fitGarch, historicalVaR];',
        '',
      ].join('\n'),
    );
    const checked = compile(['-p', join(consumer, 'tsconfig.json')]);
    assert.ok(checked.ok, checked.output.split('\n').slice(0, 10).join('\n'));
    // what index.d.ts reaches names no tfjs type (tf.d.ts itself is emitted but not reachable)
    const reached = walk(join(tmp, 'src')).filter((f) => f.endsWith('.d.ts') && !f.endsWith('models/tf.d.ts'));
    const naming = reached.filter((f) => readFileSync(f, 'utf8').includes('@tensorflow/'));
    assert.equal(naming, [], 'declarations naming tfjs');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test.run();
