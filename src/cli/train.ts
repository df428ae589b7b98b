/**
 * `aftershock train [scenario] --env NAME`: trains a PPO policy on one of the registered
 * environments (the scenario environments collateral-policy, liquidator and trader take the
 * scenario file; the benchmark environments such as cartpole take none) and saves it as a policy
 * folder: policy.json, model.json, weights.bin and learning-curve.csv.
 *
 * The folder is checked before training starts, so a target that is not ours (or not a folder)
 * costs nothing; it is written atomically at the end, and `--resume DIR` continues a saved
 * training for more iterations with its weights, statistics and schedule.
 */
import { basename, extname, join } from 'node:path';
import type { Register } from './program.js';
import { action, collect, numberFlag, printJson } from './common.js';
import { InputError } from '../util/errors.js';
import { checkOutputFolder } from '../util/outputFolder.js';
import { progressBar } from '../util/progress.js';
import { gitCommit } from '../util/version.js';
import { loadScenario } from '../scenario/load.js';
import { ENVIRONMENTS, makeEnv } from '../rl/envs/registry.js';
import { resolvePpoConfig } from '../rl/ppo/config.js';
import { trainPpo, type TrainingStart } from '../rl/train.js';
import { POLICY_FOLDER } from '../rl/policy/policyFile.js';
import { loadPolicyForTraining, savePolicy } from '../rl/policy/layersModel.js';
import { learningCurveCsv } from '../rl/learningCurve.js';
import { defaultWorkers } from '../parallel/pool.js';
import { backendTimeoutFlag, checkQueueName, parseBackendUrl } from '../parallel/backendOptions.js';

const DEFAULT_ROLLOUT_QUEUE = 'aftershock-rollouts'; // redisRollouts.ts's, without loading BullMQ

interface TrainFlags {
  env?: string;
  iterations?: string;
  workers?: string;
  seed?: string;
  out?: string;
  set?: string[];
  resume?: string;
  backend?: string;
  queue?: string;
  backendTimeout?: string;
  json?: boolean;
  quiet?: boolean;
}

function defaultPolicyDir(scenario: string | undefined, env: string, seed: number): string {
  const stem = scenario === undefined ? env : `${basename(scenario, extname(scenario))}-${env}`;
  return join('results', 'policies', `${stem}-s${seed}`);
}

export const register: Register = (program) => {
  program
    .command('train')
    .description('train a PPO policy on an environment and save it as a policy folder')
    .argument('[scenario]', 'scenario file (YAML) for the scenario environments')
    .option('--env <NAME>', `environment: ${Object.keys(ENVIRONMENTS).join(', ')}`)
    .option('--iterations <N>', "PPO iterations (default: the environment's step budget over the steps per iteration)")
    .option('--workers <W>', 'threads collecting rollouts, this one included (default: the machine cores; the weights do not depend on it)')
    .option('--seed <S>', 'training seed (default: the scenario file’s, or 1)')
    .option('--out <DIR>', 'policy folder (default: results/policies/<scenario>-<env>-s<seed>)')
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect, [])
    .option('--resume <DIR>', 'continue training a saved policy for --iterations more')
    .option('--backend <URL>', 'collect rollouts on `aftershock worker` processes through a Redis server, redis://HOST:PORT (the weights do not depend on it)')
    .option('--queue <NAME>', 'queue name of the rollouts with --backend (default aftershock-rollouts)')
    .option('--backend-timeout <DURATION>', 'with --backend: how long the Redis server may stay unreachable before training fails (default 60s)')
    .option('--json', 'print a summary as JSON alone on stdout')
    .option('--quiet', 'no progress bar')
    .action(
      action(async (scenario: string | undefined, flags: TrainFlags) => {
        const started = Date.now();
        if (flags.env === undefined) throw new InputError(`expected an environment (${Object.keys(ENVIRONMENTS).join(', ')})`, undefined, undefined, '--env');
        if (!Object.hasOwn(ENVIRONMENTS, flags.env)) throw new InputError(`expected one of ${Object.keys(ENVIRONMENTS).join(', ')}, got ${JSON.stringify(flags.env)}`, undefined, undefined, '--env');
        const iterationsFlag = numberFlag('iterations', flags.iterations, { min: 1, max: 1e7, integer: true });
        const workers = numberFlag('workers', flags.workers, { min: 1, max: 1024, integer: true }) ?? defaultWorkers();
        const seedFlag = numberFlag('seed', flags.seed, { min: 0, integer: true });
        const backend = flags.backend === undefined ? undefined : parseBackendUrl(flags.backend);
        const queue = checkQueueName(flags.queue ?? DEFAULT_ROLLOUT_QUEUE);
        const backendTimeoutMs = backendTimeoutFlag(flags.backendTimeout);
        if (backend === undefined && (flags.queue !== undefined || flags.backendTimeout !== undefined))
          throw new InputError('only with --backend', undefined, undefined, flags.queue !== undefined ? '--queue' : '--backend-timeout');
        if (scenario === undefined && (flags.set ?? []).length > 0) throw new InputError('--set overrides a scenario file; none was given', undefined, undefined, '--set');
        const loaded = scenario === undefined ? undefined : loadScenario(scenario, flags.set ?? []);
        const seed = seedFlag ?? loaded?.scenario.seed ?? 1;
        const envConfig: Record<string, unknown> = scenario === undefined ? {} : { scenario, overrides: flags.set ?? [] };
        // built once here: its settings are checked (exit 2) before any worker starts, and its action space sets the defaults
        const probe = makeEnv(flags.env, envConfig);
        const actionSpace = probe.actionSpace;
        probe.close?.();
        const resumed = flags.resume === undefined ? undefined : await loadPolicyForTraining(flags.resume);
        if (resumed && resumed.document.env.name !== flags.env) throw new InputError(`the policy was trained on ${resumed.document.env.name}, not ${flags.env}`, undefined, undefined, '--resume');
        // refused before training, so a bad --out costs nothing
        const dir = checkOutputFolder(flags.out ?? flags.resume ?? defaultPolicyDir(scenario, flags.env, seed), POLICY_FOLDER, '--out');
        const start: TrainingStart | undefined = resumed && {
          weights: resumed.weights,
          normalization: resumed.document.normalization,
          iterations: resumed.document.iterations,
          steps: resumed.document.steps,
        };
        const config = resolvePpoConfig(actionSpace, resumed?.document.hyperparameters ?? ENVIRONMENTS[flags.env].ppo);
        const iterations = iterationsFlag ?? Math.max(1, Math.floor(config.totalSteps / (config.numEnvs * config.numSteps)));
        const quiet = Boolean(flags.quiet) || (Boolean(flags.json) && !process.stderr.isTTY);
        let bar: ReturnType<typeof progressBar> | undefined;
        let done = 0;
        // connected last, once every input is checked: a dead server is one line, before any training
        const executor =
          backend === undefined
            ? undefined
            : await (await import('../rl/rollout/redisRollouts.js')).RedisRolloutExecutor.connect(backend, { queue, backendTimeoutMs, log: (l) => process.stderr.write(`aftershock: ${l}\n`) });
        let result: Awaited<ReturnType<typeof trainPpo>>;
        try {
          result = await trainPpo({
            env: flags.env,
            envConfig,
            iterations,
            seed: resumed?.document.seed ?? seed,
            workers,
            executor,
            start,
            config,
            onIteration: (row) => {
              bar ??= progressBar(iterations, 'iterations', quiet);
              bar.update(++done);
              if (!quiet && row.iteration % 10 === 0 && Number.isFinite(row.meanReturn)) process.stderr.write(`iteration ${row.iteration}: mean return ${row.meanReturn.toPrecision(4)}\n`);
            },
          });
        } finally {
          bar?.stop();
          await executor?.close();
        }
        await savePolicy(
          dir,
          result,
          { scenarioHash: loaded?.sha256 ?? null, commit: gitCommit() },
          {
            'learning-curve.csv': learningCurveCsv(result.curve),
          },
        );
        const last = result.curve[result.curve.length - 1];
        const summary = {
          policy: dir,
          env: flags.env,
          seed: result.seed,
          iterations: result.iterations,
          steps: result.steps,
          meanReturn: last && Number.isFinite(last.meanReturn) ? last.meanReturn : null,
          seconds: (Date.now() - started) / 1000,
        };
        if (flags.json) printJson(summary);
        else process.stdout.write(`trained ${summary.iterations} iterations (${summary.steps} steps) in ${summary.seconds.toFixed(1)} s; mean return ${summary.meanReturn ?? 'n/a'}\npolicy: ${dir}\n`);
      }),
    );
};
