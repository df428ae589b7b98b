/**
 * `aftershock attribute SCENARIO --paths N`: the Shapley contribution of each group of the
 * scenario's declared-uncertain inputs to the mean (and the variance) of an outcome over paths
 * (report/attribution.ts). It runs 2^groups coalitions of N paths each, on the same path seeds,
 * like the cells of a sweep, behind one checkpoint (`--resume` works as for run and sweep).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Register } from './program.js';
import { InputError } from '../util/errors.js';
import { action, collect, numberFlag, printJson } from './common.js';
import { loadScenario } from '../scenario/load.js';
import { printScenarioWarnings } from './warnings.js';
import { scenarioSource } from '../parallel/pathTask.js';
import { executeWithCheckpoint, executionOptions, checkExecutionFlags, makeExecutor, failureList, type ExecutionFlags } from './manyPaths.js';
import { preflight } from './run.js';
import { claimResultsFolder } from './resultsFolder.js';
import { attribute, attributionMarkdown, coalitionOverrides, metricNames, metricReader, uncertainGroups } from '../report/attribution.js';
import { writeFolderAtomic } from '../util/atomicWrite.js';
import { RESULTS_FOLDER } from '../util/outputFolder.js';
import { buildManifest, reproduceFlags } from '../report/manifest.js';
import { inputDigests } from '../report/provenance.js';
import { scenarioAsRun } from '../report/scenarioAsRun.js';

interface AttributeFlags extends ExecutionFlags {
  paths?: string;
  seed?: string;
  set?: string[];
  metric?: string;
  out?: string;
}

/** 2^groups coalitions of N paths: more than 10 groups is more than a thousand cells. */
const MAX_GROUPS = 10;

export const register: Register = (program) => {
  const cmd = program
    .command('attribute')
    .description("Shapley contributions of the scenario's declared-uncertain inputs (its `uncertain` list) to an outcome's mean over paths")
    .argument('<scenario>', 'scenario file (YAML) with an `uncertain` list')
    .option('--paths <N>', 'paths per coalition (default 32)')
    .option('--metric <NAME>', 'the outcome: any column of paths.csv, e.g. maker.deficit, badDebt, liquidatedValue (default badDebt)')
    .option('--seed <S>', "seed (default: the scenario file's); path i has the same seed in every coalition")
    .option('--set <path=value>', 'override a scenario field in every coalition (repeatable)', collect, [])
    .option('--out <DIR>', 'results folder (default: results/<scenario>-attribute-<hash8>-s<seed>-p<N>)')
    .option('--json', 'print attribution.json alone on stdout')
    .option('--quiet', 'no progress bar');
  executionOptions(cmd).action(
    action(async (file: string, flags: AttributeFlags) => {
      const started = Date.now();
      const paths = numberFlag('paths', flags.paths, { min: 2, integer: true }) ?? 32;
      const seedFlag = numberFlag('seed', flags.seed, { min: 0, integer: true });
      checkExecutionFlags(flags);
      const sets = flags.set ?? [];
      const base = loadScenario(file, sets);
      const s = base.scenario;
      const groups = uncertainGroups(s);
      if (groups.length === 0) throw new InputError('the scenario declares no uncertain inputs (an `uncertain` list); nothing to attribute', file, undefined, 'uncertain');
      if (groups.length > MAX_GROUPS)
        throw new InputError(`expected at most ${MAX_GROUPS} groups of uncertain inputs (2^groups coalitions), got ${groups.length}; give related inputs the same group`, file, undefined, 'uncertain');
      const metric = flags.metric ?? 'badDebt';
      if (!metricReader(s, metric)) throw new InputError(`expected a column of paths.csv (${metricNames(s).join(', ')}), got "${metric}"`, undefined, undefined, '--metric');
      const seed = seedFlag ?? s.seed;
      const masks = Array.from({ length: 1 << groups.length }, (_, m) => m);
      const cells = masks.map((m) => {
        const extra = coalitionOverrides(s, groups, m);
        return loadScenario(file, [...sets, ...extra]);
      });
      preflight(cells[cells.length - 1], seed);
      printScenarioWarnings([base]);
      const hash = createHash('sha256').update(base.sha256).update(`\nattribute ${metric}`).digest('hex');
      const command = ['attribute', ...process.argv.slice(3)];
      const dir = flags.out ?? join('results', `${s.name}-attribute-${hash.slice(0, 8)}-s${seed}-p${paths}`);
      const { dir: claimed, lock } = claimResultsFolder(dir, `aftershock ${command.join(' ')}`);
      try {
        const sources = cells.map((c) => scenarioSource(c));
        const executor = await makeExecutor(flags);
        const run = await executeWithCheckpoint({
          cells: sources,
          seed,
          paths,
          identity: { kind: 'attribute', cells: sources.map((c) => c.sha256), seed, paths },
          resultsDir: claimed,
          flags,
          executor,
        });
        if (run.failures.length) {
          run.checkpoint.close();
          const list = failureList(run.failures, (f) => `coalition ${f.cell} path ${f.path} (seed ${f.pathSeed})`);
          throw new Error(`${run.failures.length} path(s) kept failing: ${list}; run again with --resume to retry them`);
        }
        const a = attribute(s, groups, metric, run.records, seed, paths);
        const md = attributionMarkdown(a, `${s.name}: what the uncertain inputs contribute to ${metric}`);
        const files: Record<string, string> = {
          'attribution.json': `${JSON.stringify(a, null, 2)}\n`,
          'attribution.md': md,
          'scenario.yaml': scenarioAsRun(base),
        };
        const manifest = buildManifest({
          scenarioFile: file,
          sha256: base.sha256,
          overrides: sets,
          seed,
          command,
          wallTimeSeconds: (Date.now() - started) / 1000,
          files,
          inputs: inputDigests(base),
          reproduce: ['attribute', file, ...reproduceFlags(seed, sets), '--paths', String(paths), '--metric', metric],
        });
        files['manifest.json'] =
          `${JSON.stringify({ ...manifest, coalitions: cells.map((c) => ({ sha256: c.sha256, overrides: c.overrides })), paths, executor: executor.description, resumedPaths: run.resumed }, null, 2)}\n`;
        writeFolderAtomic(claimed, files, RESULTS_FOLDER);
        run.checkpoint.remove();
        if (flags.json) printJson(a);
        else {
          process.stdout.write(md);
          process.stdout.write(`results: ${claimed}\n`);
        }
      } finally {
        lock.release();
      }
    }),
  );
};
