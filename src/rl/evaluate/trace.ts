/**
 * What a policy does in one held-out episode, decision by decision: the answer to "what does it
 * trade, and when" that mean returns cannot give. A row per decision that acts: where the
 * environment reports what changed (`info.activity`, the trader's holdings), the intervals in
 * which something did; otherwise the decisions `describeAction` does not call a hold, or (without
 * it) whose action differs from the previous one. Each row has the action (in words where the
 * environment says them), the interval's reward, the running return and the bad debt the
 * protocols booked in the interval.
 */
import type { Env } from '../env.js';
import type { Space, SpaceValue } from '../spaces.js';
import type { Controller } from './controller.js';
import type { Episode } from './episodes.js';

export interface TraceRow {
  /** Decision index in the episode (0: the first). */
  decision: number;
  /** Simulated time at the decision, seconds since the start. */
  time: number;
  action: number[];
  description: string;
  /** What changed, as the environment reports it (`info.activity`), or null. */
  activity: string | null;
  reward: number;
  /** Return up to and including this decision's interval. */
  cumulative: number;
  /** Bad debt the protocols booked during the interval (USD). */
  protocolBadDebtUsd: number;
}

export interface Trace {
  seed: number;
  rows: TraceRow[];
  /** Decisions in the episode, and the episode's return. */
  decisions: number;
  return: number;
  /** Bad debt the protocols booked over the episode (USD). */
  protocolBadDebtUsd: number;
}

const asArray = (a: number | Float32Array) => (typeof a === 'number' ? [a] : Array.from(a));

export function traceEpisode(env: Env, controller: Controller, episode: Episode, maxRows = 400): Trace {
  const first = env.reset({ seed: episode.seed, options: { ...episode.options, ...controller.resetOptions } });
  controller.reset?.(first.info);
  let observation = first.observation;
  let time = Number(first.info.time ?? 0);
  let previous: number[] | null = null;
  const trace: Trace = { seed: episode.seed, rows: [], decisions: 0, return: 0, protocolBadDebtUsd: 0 };
  for (;;) {
    const action = controller.act(observation) as SpaceValue<Space>;
    const values = asArray(action);
    const description = env.describeAction ? env.describeAction(action) : previous === null || values.some((x, i) => x !== previous![i]) ? values.join(', ') : null;
    const r = env.step(action);
    const reported = 'activity' in r.info;
    const activity = typeof r.info.activity === 'string' ? r.info.activity : null;
    const measures = (r.info.measures ?? {}) as Record<string, number>;
    const badDebt = measures.protocolBadDebtUsd ?? 0;
    trace.return += r.reward;
    trace.protocolBadDebtUsd += badDebt;
    const acts = reported ? activity !== null : description !== null;
    if (acts && trace.rows.length < maxRows)
      trace.rows.push({ decision: trace.decisions, time, action: values, description: description ?? 'hold', activity, reward: r.reward, cumulative: trace.return, protocolBadDebtUsd: badDebt });
    trace.decisions++;
    previous = values;
    time = Number(r.info.time ?? time);
    observation = r.observation;
    if (r.terminated || r.truncated) return trace;
  }
}
