import { resolve } from 'node:path';
import type { Register } from './program.js';
import { action, collect, numberFlag, printJson } from './common.js';
import { loadScenario, locateError } from '../scenario/load.js';
import { runPath, pathSteps } from '../sim/run.js';
import { defaultResultsDir, writeRunResults } from '../report/writeResults.js';
import { buildGraph } from '../network/buildGraph.js';
import { graphToGexf, graphToJson } from '../network/exportGraph.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { progressBar, type Progress } from '../util/progress.js';
import { summaryTable } from './summaryTable.js';

interface RunFlags {
  seed?: string;
  out?: string;
  json?: boolean;
  set?: string[];
  graph?: string;
  checkInvariants?: boolean;
  quiet?: boolean;
}

export const register: Register = (program) => {
  program
    .command('run')
    .description('run a scenario and write its results folder')
    .argument('<scenario>', 'scenario file (YAML)')
    .option('--seed <S>', 'seed (default: the scenario file\'s)')
    .option('--out <DIR>', 'results folder (default: results/<scenario>-<hash8>-s<seed>)')
    .option('--set <path=value>', 'override a scenario field, e.g. protocols.lender.reserves.ETH.liquidationThreshold=0.8 (repeatable)', collect, [])
    .option('--graph <FILE>', 'also write the world graph as FILE.json (graphology) and FILE.gexf (Gephi)')
    .option('--check-invariants', 'verify the accounting invariants at every step')
    .option('--json', 'print summary.json alone on stdout')
    .option('--quiet', 'no progress bar')
    .action(
      action(async (file: string, flags: RunFlags) => {
        const started = Date.now();
        const seedFlag = numberFlag('seed', flags.seed, { min: 0, integer: true });
        const loaded = loadScenario(file, flags.set ?? []);
        const seed = seedFlag ?? loaded.scenario.seed;
        const quiet = Boolean(flags.quiet) || (Boolean(flags.json) && !process.stderr.isTTY);
        // the bar starts with the first step, once the world is built: input errors found while
        // building it (too little supply for the drawn positions) must stay the only line on stderr
        let bar: Progress | undefined;
        const total = pathSteps(loaded);
        let result: ReturnType<typeof runPath>;
        try {
          result = runPath(loaded, { seed, checkInvariants: flags.checkInvariants || undefined }, (done) => {
            bar ??= progressBar(total, 'steps', quiet);
            if (done % 60 === 0) bar.update(done);
          });
        } catch (err) {
          bar?.stop();
          throw locateError(err, loaded);
        }
        bar ??= progressBar(total, 'steps', quiet);
        bar.update(total);
        bar.stop();
        const dir = resolve(flags.out ?? defaultResultsDir(loaded, seed));
        const summary = writeRunResults(dir, loaded, result, ['run', file, ...process.argv.slice(3)], (Date.now() - started) / 1000);
        if (flags.graph) {
          const g = buildGraph(loaded.scenario);
          const base = flags.graph.replace(/\.(json|gexf)$/i, '');
          writeFileAtomic(`${base}.json`, graphToJson(g));
          writeFileAtomic(`${base}.gexf`, graphToGexf(g));
        }
        if (flags.json) printJson(summary);
        else {
          process.stdout.write(summaryTable(summary));
          process.stdout.write(`results: ${dir}\n`);
        }
      }),
    );
};
