/**
 * Watching the Redis server of a distributed run, so that a dead server is an error and not a
 * hang. BullMQ's connections retry for ever, and a batch waiting on a lost server waits with
 * them. The watch pings the server on a connection of its own every second; while the server does
 * not answer it reports how long it has been gone, and once that exceeds the allowed time
 * (`--backend-timeout`) it fails `dead` with a line that says what to do.
 */
import { Redis } from 'ioredis';
import { DEFAULT_BACKEND_TIMEOUT_MS } from './backendOptions.js';
const PING_EVERY_MS = 1000;
const REPORT_EVERY_MS = 5000;

export interface ConnectionWatchOptions {
  /** How long the server may stay unreachable before the run gives up. */
  timeoutMs?: number;
  /** Told, every few seconds while the server is gone, how long it has been gone. */
  onOutage?: (goneMs: number, timeoutMs: number) => void;
  /** Told once when the server answers again after an outage. */
  onRecovered?: (goneMs: number) => void;
  /** What the user should do once the server is back, ending the error line. */
  advice?: string;
}

export class ConnectionWatch {
  /** Rejects once the server has been unreachable for longer than the timeout. */
  readonly dead: Promise<never>;
  private readonly client: Redis;
  private readonly timer: NodeJS.Timeout;
  private lastContact = Date.now();
  private lastReport = 0;
  private outage = false;
  private stopped = false;
  private fail!: (err: Error) => void;

  constructor(
    private readonly url: string,
    private readonly options: ConnectionWatchOptions = {},
  ) {
    this.dead = new Promise<never>((_, reject) => (this.fail = reject));
    this.dead.catch(() => undefined); // observed by whoever races it; never an unhandled rejection
    // commands fail at once while disconnected (no offline queue), and the client keeps reconnecting
    this.client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: PING_EVERY_MS, retryStrategy: () => PING_EVERY_MS, lazyConnect: false });
    this.client.on('error', () => undefined); // the outage is reported by the pings, once every few seconds
    this.timer = setInterval(() => void this.check(), PING_EVERY_MS);
    this.timer.unref();
  }

  get timeoutMs(): number {
    return this.options.timeoutMs ?? DEFAULT_BACKEND_TIMEOUT_MS;
  }

  private async check(): Promise<void> {
    if (this.stopped) return;
    let ok = false;
    try {
      ok = (await Promise.race([this.client.ping(), new Promise((r) => setTimeout(r, PING_EVERY_MS, 'late'))])) === 'PONG';
    } catch {
      ok = false;
    }
    if (this.stopped) return;
    const now = Date.now();
    if (ok) {
      if (this.outage) this.options.onRecovered?.(now - this.lastContact);
      this.outage = false;
      this.lastContact = now;
      return;
    }
    const gone = now - this.lastContact;
    this.outage = true;
    if (gone > this.timeoutMs) {
      this.stop();
      const where = this.url.replace(/\/\/[^@/]*@/, '//');
      this.fail(new Error(`lost the Redis server at ${where} for ${Math.round(gone / 1000)} s (--backend-timeout ${this.timeoutMs / 1000} s)${this.options.advice ? `; ${this.options.advice}` : ''}`));
    } else if (now - this.lastReport >= REPORT_EVERY_MS) {
      this.lastReport = now;
      this.options.onOutage?.(gone, this.timeoutMs);
    }
  }

  /** Races `work` against the server's death. */
  guard<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.dead]);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    this.client.disconnect();
  }

  get isDead(): boolean {
    return this.stopped && Date.now() - this.lastContact > this.timeoutMs;
  }
}
