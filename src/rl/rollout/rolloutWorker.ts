/**
 * The worker-thread entry of the rollout pool (piscina calls the default export). Each thread
 * keeps the collectors of the rollouts routed to it, so their environments carry on between
 * iterations. It loads the environments and the pure forward pass, never TensorFlow.js.
 */
import { CollectorStore, runRollout } from './collector.js';
import type { RolloutTask, Trajectories } from './task.js';

const store = new CollectorStore();

/** This thread's rollouts of an iteration come in one message and go back in one, in the order given. */
export type WorkerMessage = { kind: 'collect'; tasks: RolloutTask[]; weights: Float32Array } | { kind: 'release'; runId: string } | null;

/** `null` is a no-op that proves the thread is up (warm-up). */
export default function handle(message: WorkerMessage): Trajectories[] | null {
  if (message === null) return null;
  if (message.kind === 'release') {
    store.release(message.runId);
    return null;
  }
  return message.tasks.map((task) => runRollout(store, task, message.weights));
}
