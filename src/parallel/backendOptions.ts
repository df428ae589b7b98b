/**
 * The distributed backend's flags, checked before anything connects, and kept apart from
 * redisBackend.ts so that commands not using Redis never load BullMQ (~0.2 s of start-up).
 */
import { InputError } from '../util/errors.js';

export const DEFAULT_QUEUE = 'aftershock-paths';
export const DEFAULT_BATCH = 4;

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
