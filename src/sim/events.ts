/** The run's event log (events.jsonl): each event stamped with the step and its time. */
import type { World } from './worldTypes.js';

export function record(w: World, type: string, fields: Record<string, unknown>): void {
  if (w.recordEvents) w.events.push({ step: w.step, time: w.step * w.dt, type, ...fields });
}
