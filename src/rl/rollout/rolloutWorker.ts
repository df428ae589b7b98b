/**
 * The rollout worker thread (rolloutThread.ts starts it). It keeps the collectors of the rollouts
 * routed to it, so their environments carry on between iterations, and loads the environments and
 * the pure forward pass, never TensorFlow.js.
 *
 * It serves one request at a time: it watches the posted-requests counter, spinning for `spinMs`
 * after each answer and then waiting on it asynchronously (so that the thread's event loop runs:
 * its console output, for one, is written there), reads the request from its port, and posts the
 * answer before it moves the answered counter (so the learner finds the message once it sees the
 * count).
 */
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../../parallel/executor.js';
import { CollectorStore, runRollout } from './collector.js';
import { ANSWERED, POSTED, type Answer, type RolloutThreadData } from './rolloutThread.js';
import type { RolloutTask, Trajectories } from './task.js';

/** A thread's rollouts of an iteration come in one request and go back in one answer, in the order given. */
export type WorkerMessage = { kind: 'collect'; tasks: RolloutTask[]; weights: Float32Array } | { kind: 'release'; runId: string } | null;

/** `null` is a no-op that proves the thread is up (warm-up). */
export function handle(store: CollectorStore, message: WorkerMessage): Trajectories[] | null {
  if (message === null) return null;
  if (message.kind === 'release') {
    store.release(message.runId);
    return null;
  }
  return message.tasks.map((task) => runRollout(store, task, message.weights));
}

/** Atomics.waitAsync (ES2024, in Node since 16), typed here: the project's TypeScript library lacks it. */
const waitAsync = (Atomics as unknown as { waitAsync(array: Int32Array, index: number, value: number): { value: Promise<string> | string } }).waitAsync;

async function serve({ port, control: buffer, spinMs }: RolloutThreadData): Promise<never> {
  const control = new Int32Array(buffer);
  const store = new CollectorStore();
  // an asynchronous wait holds no handle: without one the thread's event loop would end, and the
  // thread with it, the first time it waits (the learner ends the thread with terminate())
  setInterval(() => undefined, 2 ** 30);
  let answered = 0;
  for (;;) {
    const until = performance.now() + spinMs;
    while (Atomics.load(control, POSTED) === answered && performance.now() < until);
    while (Atomics.load(control, POSTED) === answered) await waitAsync(control, POSTED, answered).value;
    // 32-bit counters, as the learner's side keeps them
    answered = (answered + 1) | 0;
    const received = receiveMessageOnPort(port);
    let answer: Answer;
    try {
      if (!received) throw new Error('a request was counted but no message came');
      answer = { ok: true, value: handle(store, received.message as WorkerMessage) };
    } catch (err) {
      answer = { ok: false, error: errorMessage(err) };
    }
    try {
      port.postMessage(answer);
    } catch (err) {
      port.postMessage({ ok: false, error: `the answer could not be sent back: ${errorMessage(err)}` } satisfies Answer);
    }
    Atomics.store(control, ANSWERED, answered);
  }
}

if (workerData && (workerData as Partial<RolloutThreadData>).control instanceof SharedArrayBuffer) void serve(workerData as RolloutThreadData);
