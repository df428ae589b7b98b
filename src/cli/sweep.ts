import { createHash } from 'node:crypto';
import type { Register } from './program.js';
import { action, collect, numberFlag, printJson } from './common.js';
import { loadScenario, type LoadedScenario } from '../scenario/load.js';
import { printScenarioWarnings } from './warnings.js';
import { resolveGrid, gridCells } from '../parallel/grid.js';
import { cellKey, scenarioSource } from '../parallel/pathTask.js';
import { defaultSweepResultsDir, writeSweepResults } from '../report/sweepResults.js';
import { sweepTable } from '../report/tables/sweepTable.js';
import { executeWithCheckpoint, executionOptions, checkExecutionFlags, makeExecutor, failureList, type ExecutionFlags } from './manyPaths.js';
import { preflight } from './run.js';
import { claimResultsFolder } from './resultsFolder.js';

interface SweepFlags extends ExecutionFlags {
  grid?: string[];
  paths?: string;
  seed?: string;
  set?: string[];
  out?: string;
  checkInvariants?: boolean;
  regenerateBook?: boolean;
}

export const register: Register = (program) => {
  const cmd = program
    .command('sweep')
    .description('run a scenario over a grid of parameters, N paths per cell on common random numbers, and write sweep.csv')
    .argument('<scenario>', 'scenario file (YAML)')
    .option(
      '--grid <path=v1,v2,...>',
      'a parameter and its values, e.g. protocols.lender.reserves.ETH.liquidationThreshold=0.75,0.8 or shocks[0].magnitude=0.3,0.5 (repeatable; the cells are the Cartesian product)',
      collect,
      [],
    )
    .option('--paths <N>', 'paths per cell (default 100)')
    .option('--seed <S>', "seed (default: the scenario file's); path i has the same seed in every cell")
    .option('--set <path=value>', 'override a scenario field in every cell (repeatable)', collect, [])
    .option('--out <DIR>', 'results folder (default: results/<scenario>-sweep-<hash8>-s<seed>-p<N>)')
    .option('--check-invariants', 'verify the accounting invariants at every step')
    .option('--regenerate-book', "draw each cell's loan book at the cell's own parameters (default: every cell shares the book drawn at the file's)")
    .option('--json', 'print sweep.json alone on stdout')
    .option('--quiet', 'no progress bar');
  executionOptions(cmd).action(
    action(async (file: string, flags: SweepFlags) => {
      const started = Date.now();
      const paths = numberFlag('paths', flags.paths, { min: 1, integer: true }) ?? 100;
      const seedFlag = numberFlag('seed', flags.seed, { min: 0, integer: true });
      checkExecutionFlags(flags);
      const sets = flags.set ?? [];
      const base = loadScenario(file, sets);
      const seed = seedFlag ?? base.scenario.seed;
      const axes = resolveGrid(file, flags.grid ?? []);
      const grid = gridCells(axes);
      // a bad grid value is reported as coming from --grid, not --set
      const cells: LoadedScenario[] = grid.map((g) => loadScenario(file, [...sets, ...g.overrides], [...sets.map(() => '--set'), ...g.overrides.map(() => '--grid')]));
      // common random numbers give every cell the same draws; the shared book also gives them the
      // same positions, drawn at the file's thresholds, so cells differ by the protocol alone
      const book = flags.regenerateBook ? undefined : base;
      const starts = cells.map((c) => preflight(c, seed, book?.scenario));
      printScenarioWarnings([base, ...cells]); // after the preflights: refused input stays the only line on stderr
      const hash = createHash('sha256').update(base.sha256);
      for (const a of axes) hash.update(`\n--grid ${a.paths.join(',')}=${a.values.join(',')}`);
      if (!book) hash.update('\n--regenerate-book');
      const sweepHash = hash.digest('hex');
      const command = ['sweep', ...process.argv.slice(3)];
      const { dir, lock } = claimResultsFolder(flags.out ?? defaultSweepResultsDir(base, sweepHash, seed, paths), `aftershock ${command.join(' ')}`);
      try {
        const sources = cells.map((c) => scenarioSource(c, flags.checkInvariants || undefined, book));
        const executor = await makeExecutor(flags);
        const run = await executeWithCheckpoint({
          cells: sources,
          seed,
          paths,
          identity: { kind: 'sweep', cells: sources.map(cellKey), seed, paths },
          resultsDir: dir,
          flags,
          executor,
        });
        const doc = writeSweepResults(dir, cells, axes, grid, run.records, run.failures, {
          file,
          baseSha256: base.sha256,
          sweepHash,
          seed,
          paths,
          setOverrides: sets,
          loanBook: book ? 'shared' : 'regenerated',
          command,
          wallTimeSeconds: (Date.now() - started) / 1000,
          executor: executor.description,
          resumedPaths: run.resumed,
          base,
          starts,
        });
        if (run.failures.length === 0) run.checkpoint.remove();
        else run.checkpoint.close();
        if (flags.json) printJson(doc);
        else {
          process.stdout.write(sweepTable(doc.cells));
          process.stdout.write(`results: ${dir}\n`);
        }
        if (run.failures.length) {
          const list = failureList(run.failures, (f) => `cell ${f.cell} path ${f.path} (seed ${f.pathSeed})`);
          throw new Error(`${run.failures.length} path(s) kept failing: ${list}; the rest is saved in ${dir}; run again with --resume to retry them`);
        }
      } finally {
        lock.release();
      }
    }),
  );
};
