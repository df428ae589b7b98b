import type { Register } from './program.js';
import { action, numberFlag } from './common.js';
import { defaultWorkers } from '../parallel/pool.js';
import { parseBackendUrl, checkQueueName, backendTimeoutFlag, DEFAULT_QUEUE } from '../parallel/backendOptions.js';

interface WorkerFlags {
  backend?: string;
  queue?: string;
  workers?: string;
  lockDuration?: string;
  backendTimeout?: string;
  rolloutQueue?: string;
  quiet?: boolean;
}

export const register: Register = (program) => {
  program
    .command('worker')
    .description('take path batches (sweep/run --backend) and training rollouts (train --backend) from Redis queues and run them, until stopped (SIGINT/SIGTERM)')
    .requiredOption('--backend <URL>', 'the Redis server, redis://HOST:PORT')
    .option('--queue <NAME>', `queue name of path batches (default ${DEFAULT_QUEUE})`)
    .option('--rollout-queue <NAME>', 'queue name of training rollouts (default aftershock-rollouts)')
    .option('--workers <W>', `worker threads, and batches taken at once (default: the machine's cores, ${defaultWorkers()} here)`)
    .option('--lock-duration <MS>', 'job lock in ms: the batch of a worker that dies returns to the queue after about this long (default 30000)')
    .option('--backend-timeout <DURATION>', 'how long the Redis server may stay unreachable before the worker exits with an error (default 60s)')
    .option('--quiet', 'log nothing but errors')
    .action(
      action(async (flags: WorkerFlags) => {
        const url = parseBackendUrl(flags.backend ?? '');
        const queue = checkQueueName(flags.queue ?? DEFAULT_QUEUE);
        const rolloutQueue = checkQueueName(flags.rolloutQueue ?? 'aftershock-rollouts', '--rollout-queue');
        const workers = numberFlag('workers', flags.workers, { min: 1, max: 1024, integer: true });
        const lockDuration = numberFlag('lock-duration', flags.lockDuration, { min: 1000, integer: true });
        const backendTimeoutMs = backendTimeoutFlag(flags.backendTimeout);
        const log = (line: string) => {
          if (!flags.quiet) process.stderr.write(`aftershock worker: ${line}\n`);
        };
        const { startRedisWorker } = await import('../parallel/redisBackend.js');
        const { startRolloutWorker } = await import('../rl/rollout/redisRollouts.js');
        // rollouts first: the paths worker's "worker ready" line is what scripts wait for
        const rollouts = await startRolloutWorker(url, { queue: rolloutQueue, workers, lockDuration, log });
        let running: Awaited<ReturnType<typeof startRedisWorker>>;
        try {
          running = await startRedisWorker(url, { queue, workers, lockDuration, log, backendTimeoutMs });
        } catch (err) {
          await rollouts.stop(true);
          throw err;
        }
        // the paths worker watches the server (and ends on a long outage): the rollouts end with it
        const closed = running.closed.then(
          () => rollouts.stop(),
          async (err) => {
            await rollouts.stop(true);
            throw err;
          },
        );
        let stopping = false;
        const stop = () => {
          if (stopping) return;
          stopping = true;
          log('stopping after the batches in hand');
          void running.stop();
          void rollouts.stop();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        await closed;
        process.removeListener('SIGINT', stop);
        process.removeListener('SIGTERM', stop);
        log('stopped');
      }),
    );
};
