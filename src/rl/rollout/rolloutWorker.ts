/**
 * The rollout worker thread (rolloutThread.ts starts it). It keeps the collectors of the rollouts
 * routed to it, so their environments carry on between iterations, and loads the environments and
 * the pure forward pass, never TensorFlow.js.
 *
 * It serves one request at a time: it watches the posted-requests counter, spinning for `spinMs`
 * after each answer and then sleeping on it, reads the request from its port, and posts the answer
 * before it moves the answered counter (so the learner finds the message once it sees the count).
 * Rollouts are synchronous, so the thread needs no event loop of its own.
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

function serve({ port, control: buffer, spinMs }: RolloutThreadData): never {
  const control = new Int32Array(buffer);
  const store = new CollectorStore();
  let answered = 0;
  for (;;) {
    const until = performance.now() + spinMs;
    while (Atomics.load(control, POSTED) === answered) {
      if (performance.now() >= until) Atomics.wait(control, POSTED, answered);
    }
    answered++;
    const received = receiveMessageOnPort(port);
    let answer: Answer;
    try {
      if (!received) throw new Error('a request was counted but no message came');
      answer = { ok: true, value: handle(store, received.message as WorkerMessage) };
    } catch (err) {
      answer = { ok: false, error: errorMessage(err) };
    }
    port.postMessage(answer);
    Atomics.store(control, ANSWERED, answered);
  }
}

if (workerData && (workerData as Partial<RolloutThreadData>).control instanceof SharedArrayBuffer) serve(workerData as RolloutThreadData);
