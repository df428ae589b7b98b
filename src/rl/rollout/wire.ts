/**
 * Rollout tasks and their trajectories as JSON, for a queue (redisRollouts.ts): typed arrays go as
 * the base64 of their bytes, so what a remote rollout returns is bit for bit what a local one
 * does (a JSON number list would round float32 values through float64 text, and JSON turns a
 * typed array into an object of indices). Everything else is already plain data.
 */
import type { RolloutTask, Trajectories } from './task.js';

type Typed = Float32Array | Float64Array | Uint8Array;
const TYPED = { f32: Float32Array, f64: Float64Array, u8: Uint8Array } as const;
type Tag = keyof typeof TYPED;

export interface WireArray {
  type: Tag;
  base64: string;
}

export function encodeArray(a: Typed): WireArray {
  const type: Tag = a instanceof Float32Array ? 'f32' : a instanceof Float64Array ? 'f64' : 'u8';
  return { type, base64: Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64') };
}

export function decodeArray<T extends Typed>(w: WireArray, expected: Tag): T {
  if (w?.type !== expected || typeof w.base64 !== 'string') throw new Error(`expected a ${expected} array on the wire, got ${JSON.stringify(w)?.slice(0, 60)}`);
  const bytes = Buffer.from(w.base64, 'base64');
  const Ctor = TYPED[expected];
  if (bytes.byteLength % Ctor.BYTES_PER_ELEMENT !== 0) throw new Error(`a ${expected} array of ${bytes.byteLength} bytes`);
  // a copy on an aligned buffer of its own (Buffer's pool may start at any offset)
  const out = new Ctor(bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
  new Uint8Array(out.buffer).set(bytes);
  return out as T;
}

const ARRAYS = {
  observations: 'f32',
  actions: 'f32',
  logProbs: 'f32',
  values: 'f32',
  rewards: 'f64',
  ended: 'u8',
  truncated: 'u8',
  finalValues: 'f32',
  lastValues: 'f32',
} as const satisfies Partial<Record<keyof Trajectories, Tag>>;

export type WireTrajectories = Omit<Trajectories, keyof typeof ARRAYS> & { [K in keyof typeof ARRAYS]: WireArray };

export function encodeTrajectories(t: Trajectories): WireTrajectories {
  const out: Record<string, unknown> = { ...t };
  for (const key of Object.keys(ARRAYS) as (keyof typeof ARRAYS)[]) out[key] = encodeArray(t[key]);
  return out as WireTrajectories;
}

export function decodeTrajectories(w: WireTrajectories): Trajectories {
  const out: Record<string, unknown> = { ...w };
  for (const [key, tag] of Object.entries(ARRAYS) as [keyof typeof ARRAYS, Tag][]) out[key] = decodeArray(w[key], tag);
  return out as unknown as Trajectories;
}

/** What a rollout job carries: the task and the weights to act with. */
export interface RolloutJobData {
  task: RolloutTask;
  weights: WireArray;
  /** Aftershock version of the submitter: a worker running another version refuses the job. */
  version: string;
}

/** What a rollout job returns: the trajectories, and which worker process holds the rollout's environments. */
export interface RolloutJobResult {
  worker: string;
  trajectories: WireTrajectories;
}
