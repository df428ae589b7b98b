import { resolve } from 'node:path';
import type { Register } from './program.js';
import { InputError } from '../util/errors.js';
import { action, collect, numberFlag, printJson } from './common.js';
import { printScenarioWarnings } from './warnings.js';
import { loadScenario, locateError } from '../scenario/load.js';
import { runPath, pathSteps } from '../sim/run.js';
import { defaultResultsDir, writeRunResults } from '../report/writeResults.js';
import { buildGraph } from '../network/buildGraph.js';
import { graphToGexf, graphToJson, replaceableGraphFile } from '../network/exportGraph.js';
import { claimResultsFolder } from './resultsFolder.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { progressBar, type Progress } from '../util/progress.js';
import { summaryTable } from '../report/tables/summaryTable.js';
import { tailTable } from '../report/tables/tailTable.js';
import { buildWorld } from '../sim/world.js';
import { executeWithCheckpoint, executionOptions, checkExecutionFlags, makeExecutor, failureList, isQuiet, type ExecutionFlags } from './manyPaths.js';
import { scenarioSource } from '../parallel/pathTask.js';
import { defaultPathsResultsDir, writePathsResults } from '../report/writePathsResults.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import { createAgent } from '../../agents/index.js';
import { withPolicyAgents } from '../rl/agents/factory.js';
import { startState, type StartState } from '../report/startState.js';

interface RunFlags extends ExecutionFlags {
  seed?: string;
  paths?: string;
  path?: string;
  out?: string;
  json?: boolean;
  set?: string[];
  graph?: string;
  checkInvariants?: boolean;
  quiet?: boolean;
  events?: string;
}

export const register: Register = (program) => {
  const cmd = program
    .command('run')
    .description('run a scenario and write its results folder')
    .argument('<scenario>', 'scenario file (YAML)')
    .option('--seed <S>', "seed (default: the scenario file's)")
    .option('--paths <N>', 'number of paths; more than 1 writes tail metrics over paths (default 1)')
    .option('--path <I>', 'with one path: which path index to run (default 0), e.g. to look into a tail path of a many-path run')
    .option('--out <DIR>', 'results folder (default: results/<scenario>-<hash8>-s<seed>, with -p<N> for N paths, -path<I> for --path I)')
    .option('--set <path=value>', 'override a scenario field, e.g. protocols.lender.reserves.ETH.liquidationThreshold=0.8 (repeatable)', collect, [])
    .option('--graph <FILE>', 'also write the world graph as FILE.json (graphology) and FILE.gexf (Gephi)')
    .option('--check-invariants', 'verify the accounting invariants at every step')
    .option(
      '--events <default|all>',
      "events.jsonl: the default events (liquidations, bad debt, shocks, auctions), or all: also every swap (amounts, the pool's price before and after) and every transaction an agent submitted",
      'default',
    )
    .option('--json', 'print summary.json alone on stdout')
    .option('--quiet', 'no progress bar');
  executionOptions(cmd).action(
    action(async (file: string, flags: RunFlags) => {
      const started = Date.now();
      const seedFlag = numberFlag('seed', flags.seed, { min: 0, integer: true });
      const paths = numberFlag('paths', flags.paths, { min: 1, integer: true }) ?? 1;
      const pathIndex = numberFlag('path', flags.path, { min: 0, integer: true }) ?? 0;
      if (flags.path !== undefined && paths > 1) throw new InputError('--path picks the one path to run; it cannot be combined with --paths > 1', undefined, undefined, '--path');
      checkExecutionFlags(flags);
      if (flags.events !== 'default' && flags.events !== 'all') throw new InputError(`expected default or all, got ${JSON.stringify(flags.events)}`, undefined, undefined, '--events');
      if (flags.events === 'all' && paths > 1) throw new InputError('events.jsonl is written for one path; rerun a path of interest with --path I --events all', undefined, undefined, '--events');
      const loaded = loadScenario(file, flags.set ?? []);
      const seed = seedFlag ?? loaded.scenario.seed;
      const graph = checkGraphTargets(flags.graph);
      const command = ['run', ...process.argv.slice(3)];
      const target = flags.out ?? (paths > 1 ? defaultPathsResultsDir(loaded, seed, paths) : defaultResultsDir(loaded, seed, pathIndex));
      const { dir, lock } = claimResultsFolder(target, `aftershock ${command.join(' ')}`);
      try {
        if (paths > 1) await runManyPaths(dir, loaded, seed, paths, flags, started, graph);
        else runOnePath(dir, loaded, seed, pathIndex, flags, started, graph);
      } finally {
        lock.release();
      }
    }),
  );
};

function runOnePath(dir: string, loaded: LoadedScenario, seed: number, pathIndex: number, flags: RunFlags, started: number, graph: GraphTargets | undefined): void {
  const quiet = isQuiet(flags);
  // the bar starts with the first step, once the world is built: input errors found while
  // building it (too little supply for the drawn positions) must stay the only line on stderr
  let bar: Progress | undefined;
  const total = pathSteps(loaded);
  let result: ReturnType<typeof runPath>;
  let start: StartState | undefined;
  try {
    result = runPath(
      loaded,
      { createAgent: withPolicyAgents(createAgent, loaded), seed, path: pathIndex, checkInvariants: flags.checkInvariants || undefined, events: flags.events === 'all' ? 'all' : 'default' },
      (done) => {
        if (!bar) {
          bar = progressBar(total, 'steps', quiet);
          bar.update(0);
        }
        if (done % 60 === 0) bar.update(done);
      },
      (w) => {
        // warnings once the world is built: input refused while building it stays the only line
        printScenarioWarnings([loaded]);
        start = startState(w);
      },
    );
  } catch (err) {
    bar?.stop();
    throw locateError(err, loaded);
  }
  bar ??= progressBar(total, 'steps', quiet);
  bar.update(total);
  bar.stop();
  const summary = writeRunResults(dir, loaded, result, ['run', ...process.argv.slice(3)], (Date.now() - started) / 1000, start!);
  writeGraph(loaded, graph);
  if (flags.json) printJson(summary);
  else {
    process.stdout.write(summaryTable(summary));
    process.stdout.write(`results: ${dir}\n`);
  }
}

/**
 * Builds path 0's world here first, so that input errors found only while building (too little
 * supply for the drawn positions) exit 2 with their line, before any worker starts.
 */
export function preflight(loaded: LoadedScenario, seed: number, book?: Scenario): StartState {
  try {
    // the world built anyway gives the folder's start.json: path 0's book at the run's seed
    return startState(buildWorld(loaded, { createAgent: withPolicyAgents(createAgent, loaded), seed, path: 0, recordEvents: false, book }));
  } catch (err) {
    throw locateError(err, loaded);
  }
}

interface GraphTargets {
  json: string;
  gexf: string;
}

/**
 * `--graph FILE` writes FILE.json and FILE.gexf; each may replace only a graph file that
 * Aftershock wrote. Checked before the run, so a refusal costs nothing.
 */
function checkGraphTargets(graph: string | undefined): GraphTargets | undefined {
  if (graph === undefined) return undefined;
  if (graph.trim() === '') throw new InputError('expected a file name, got ""', undefined, undefined, '--graph');
  const base = resolve(graph.replace(/\.(json|gexf)$/i, ''));
  const targets = { json: `${base}.json`, gexf: `${base}.gexf` };
  for (const file of Object.values(targets)) {
    const why = replaceableGraphFile(file);
    if (why) throw new InputError(`${file} ${why}; it will not be replaced`, undefined, undefined, '--graph');
  }
  return targets;
}

function writeGraph(loaded: LoadedScenario, graph: GraphTargets | undefined): void {
  if (!graph) return;
  const g = buildGraph(loaded.scenario);
  writeFileAtomic(graph.json, graphToJson(g));
  writeFileAtomic(graph.gexf, graphToGexf(g));
}

/**
 * N paths: run them on the pool or the queue behind a checkpoint, then write summary.json (tail
 * metrics), paths.csv, paths.arrow and manifest.json. A path that keeps failing is reported by
 * index and seed; everything else is written, the checkpoint is kept for `--resume`, and the
 * command fails (exit 1).
 */
async function runManyPaths(dir: string, loaded: LoadedScenario, seed: number, paths: number, flags: RunFlags, started: number, graph: GraphTargets | undefined): Promise<void> {
  const start = preflight(loaded, seed);
  printScenarioWarnings([loaded]); // after the preflight: refused input stays the only line on stderr
  const source = scenarioSource(loaded, flags.checkInvariants || undefined);
  const executor = await makeExecutor(flags);
  const run = await executeWithCheckpoint({
    cells: [source],
    seed,
    paths,
    identity: { kind: 'run', cells: [loaded.sha256], seed, paths },
    resultsDir: dir,
    flags,
    executor,
  });
  const summary = writePathsResults(dir, loaded, run.records[0], run.failures, {
    seed,
    paths,
    command: ['run', ...process.argv.slice(3)],
    wallTimeSeconds: (Date.now() - started) / 1000,
    executor: executor.description,
    resumedPaths: run.resumed,
    start,
  });
  writeGraph(loaded, graph);
  if (run.failures.length === 0) run.checkpoint.remove();
  else run.checkpoint.close();
  if (flags.json) printJson(summary);
  else {
    process.stdout.write(tailTable(summary));
    process.stdout.write(`results: ${dir}\n`);
  }
  if (run.failures.length) {
    const list = failureList(run.failures, (f) => `${f.path} (seed ${f.pathSeed})`);
    throw new Error(`${run.failures.length} path(s) kept failing: ${list}; the other paths are saved in ${dir}; run again with --resume to retry them`);
  }
}
