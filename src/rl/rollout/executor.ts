/**
 * What runs rollouts for the learner: in this thread, on worker threads (pool.ts), or on a Redis
 * queue served by `aftershock worker` processes (redisRollouts.ts). Whatever runs them, `collect` gives back one result per task, in task order, so the
 * learner assembles its batch in rollout order and training is the same whatever ran the rollouts.
 * A backend must serve each rollout index of a run from the same collector every iteration (the
 * collector holds its environments mid-episode); the queue backend routes a run's rollout r to
 * the worker process that took its first task.
 */
import type { RolloutTask, Trajectories } from './task.js';

export interface RolloutExecutor {
  /** Human-readable description for logs, e.g. "2 worker threads". */
  readonly description: string;
  /** Runs the tasks with `weights` (not modified; each thread receives its own copy). */
  collect(tasks: readonly RolloutTask[], weights: Float32Array): Promise<Trajectories[]>;
  /** Drops what the executor keeps for a finished run. */
  release(runId: string): Promise<void>;
  close(): Promise<void>;
}
