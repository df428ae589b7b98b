/**
 * The distributed backend's flags, checked before anything connects, and kept apart from
 * redisBackend.ts so that commands not using Redis never load BullMQ (~0.2 s of start-up).
 */
import { InputError } from '../util/errors.js';
import { parseDuration } from '../scenario/units.js';

export const DEFAULT_QUEUE = 'aftershock-paths';
export const DEFAULT_BATCH = 4;
/** How long a distributed run waits for a Redis server that stopped answering. */
export const DEFAULT_BACKEND_TIMEOUT_MS = 60_000;

/** Checks a `--backend` value: `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). */
export function parseBackendUrl(value: string, flag = '--backend'): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new InputError(`expected redis://HOST:PORT, got ${JSON.stringify(value)}`, undefined, undefined, flag);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new InputError(`expected a redis:// or rediss:// URL, got ${JSON.stringify(value)}`, undefined, undefined, flag);
  if (!u.hostname) throw new InputError(`expected redis://HOST:PORT with a host, got ${JSON.stringify(value)}`, undefined, undefined, flag);
  return value;
}

export function checkQueueName(name: string, flag = '--queue'): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new InputError(`expected a queue name of letters, digits, '.', '_' or '-', got ${JSON.stringify(name)}`, undefined, undefined, flag);
  return name;
}

/** Checks `--backend-timeout` (a duration: `90`, `30s`, `5m`; at least a second) and returns milliseconds. */
export function backendTimeoutFlag(value: string | undefined, flag = '--backend-timeout'): number {
  if (value === undefined) return DEFAULT_BACKEND_TIMEOUT_MS;
  const seconds = parseDuration(value);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 7 * 86400)
    throw new InputError(`expected a duration from 1s to 7d such as 60, "90s" or "5m", got ${JSON.stringify(value)}`, undefined, undefined, flag);
  return seconds * 1000;
}
