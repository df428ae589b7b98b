/**
 * One rollout worker thread as the learner's thread sees it: a message port, and two counters in
 * shared memory, the requests posted and the requests answered. A thread handles one request at a
 * time; more wait here in order (a remote worker process may ask for several rollouts at once).
 *
 * Both sides spin for a moment before they sleep. The worker, after an answer, watches the first
 * counter for a while before it waits on it; this thread, once its own share of an iteration's
 * rollouts is done, watches the second before it awaits the answer's message. On this project's
 * 2-core virtual machines, waking a thread asleep on an idle core took 0.2–0.8 ms, several times
 * a CartPole iteration's spare time (OpenMP runtimes spin before they sleep for the same reason).
 * The pool spins only while the threads at work fit the machine's cores.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** Indices of the two counters in the control block. */
export const POSTED = 0;
export const ANSWERED = 1;

/** What the worker thread sends back for each request. */
export type Answer = { ok: true; value: unknown } | { ok: false; error: string };

/** What the worker thread is started with (rolloutWorker.ts). */
export interface RolloutThreadData {
  port: MessagePort;
  control: SharedArrayBuffer;
  /** How long the worker watches for the next request after an answer before it sleeps. */
  spinMs: number;
}

interface Request {
  message: unknown;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

export class RolloutThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly control = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  private posted = 0;
  /** Requests in order; the first is with the worker when `inFlight`. */
  private readonly queue: Request[] = [];
  private inFlight = false;
  private failure: Error | null = null;
  private closing = false;
  /** Marks the thread failed, once: its queued requests are rejected and the pool is told. */
  private readonly fail: (err: Error) => void;

  constructor(filename: string, spinMs: number, onFailure: (err: Error) => void) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const data: RolloutThreadData = { port: port2, control: this.control.buffer as SharedArrayBuffer, spinMs };
    // the port is moved to the worker; no ArrayBuffer is (a detached buffer slows this thread's typed arrays: pool.ts)
    this.worker = new Worker(filename, { workerData: data, transferList: [port2] });
    this.fail = (err: Error) => {
      if (this.closing || this.failure) return;
      this.failure = err;
      this.inFlight = false;
      for (const r of this.queue.splice(0)) r.reject(err);
      onFailure(err);
    };
    this.port.on('message', (answer: Answer) => this.settle(answer));
    // an answer that cannot be read back here (out of memory for its buffers): its request, and
    // every one behind it, would wait for ever
    this.port.on('messageerror', (err) => this.fail(err));
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`a rollout worker thread stopped (exit code ${code})`)));
    this.idle();
  }

  /** Sends a request; the promise settles with the worker's answer. */
  run(message: unknown): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error('the rollout pool was closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      if (!this.inFlight) this.sendNext();
    });
  }

  /**
   * Watches for the answer to the request in flight (and to those queued behind it) until
   * `deadline` (performance.now()), reading it at once when it comes; after that the port's
   * message event delivers it.
   */
  spinUntilAnswered(deadline: number): void {
    while (this.inFlight && performance.now() < deadline) {
      if (Atomics.load(this.control, ANSWERED) !== this.posted) continue;
      let received: { message: unknown } | undefined;
      try {
        received = receiveMessageOnPort(this.port);
      } catch (err) {
        this.fail(err as Error);
        return;
      }
      if (received) this.settle(received.message as Answer);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const r of this.queue.splice(0)) r.reject(new Error('the rollout pool was closed'));
    await this.worker.terminate();
    this.port.close();
  }

  private sendNext(): void {
    if (this.queue.length === 0) {
      this.inFlight = false;
      this.idle();
      return;
    }
    this.inFlight = true;
    // while a request is out, the port keeps the process alive to hear its answer
    this.port.ref();
    this.worker.ref();
    this.port.postMessage(this.queue[0].message);
    // the counters live in 32 bits: a long-lived worker process would pass 2^31 requests
    this.posted = (this.posted + 1) | 0;
    Atomics.store(this.control, POSTED, this.posted);
    Atomics.notify(this.control, POSTED);
  }

  private settle(answer: Answer): void {
    const request = this.queue.shift();
    if (!request) return;
    if (answer.ok) request.resolve(answer.value);
    else request.reject(new Error(answer.error));
    this.sendNext();
  }

  /** An idle thread does not keep the process alive. */
  private idle(): void {
    this.port.unref();
    this.worker.unref();
  }
}
