/**
 * Running controllers through episodes of an environment. Every controller meets the same
 * episodes: the same seeds and the same reset options (shock sizes, scenario variants), so that
 * outcomes can be compared path by path (a paired comparison), which removes the variance that
 * comes from the paths themselves.
 */
import type { Env } from '../env.js';
import type { Space, SpaceValue } from '../spaces.js';
import type { Controller } from './controller.js';

export interface Episode {
  seed: number;
  options?: Record<string, unknown>;
}

export interface EpisodeOutcome {
  /** Undiscounted sum of rewards: the objective being compared. */
  return: number;
  steps: number;
  terminated: boolean;
  /**
   * Sums over the episode of the reward's named parts (`info.rewardTerms`: bad debt and capital
   * locked) and of what the environment measures beside the reward (`info.measures`: the
   * protocols' bad debt and liquidations): they show where a policy wins or loses, and what it
   * does to the protocols.
   */
  terms: Record<string, number>;
  /** The scenario variant the episode was drawn as (`info.variant` of the reset), when the environment says. */
  variant?: number;
}

function addTerms(into: Record<string, number>, info: Record<string, unknown>): void {
  for (const group of [info.rewardTerms, info.measures]) {
    if (group === null || typeof group !== 'object') continue;
    for (const [k, v] of Object.entries(group)) if (typeof v === 'number') into[k] = (into[k] ?? 0) + v;
  }
}

export function runEpisode(env: Env, controller: Controller, episode: Episode, maxSteps = Number.POSITIVE_INFINITY): EpisodeOutcome {
  const first = env.reset({ seed: episode.seed, options: { ...episode.options, ...controller.resetOptions } });
  controller.reset?.(first.info);
  let observation = first.observation;
  const outcome: EpisodeOutcome = { return: 0, steps: 0, terminated: false, terms: {} };
  if (typeof first.info.variant === 'number') outcome.variant = first.info.variant;
  while (outcome.steps < maxSteps) {
    const r = env.step(controller.act(observation) as SpaceValue<Space>);
    outcome.return += r.reward;
    outcome.steps++;
    addTerms(outcome.terms, r.info);
    observation = r.observation;
    if (r.terminated || r.truncated) {
      outcome.terminated = r.terminated;
      break;
    }
  }
  return outcome;
}

/** Outcomes of every controller on every episode: result[c][e]. */
export function runEpisodes(env: Env, controllers: readonly Controller[], episodes: readonly Episode[], onEpisode?: () => void): EpisodeOutcome[][] {
  return controllers.map((c) =>
    episodes.map((e) => {
      const outcome = runEpisode(env, c, e);
      onEpisode?.();
      return outcome;
    }),
  );
}
