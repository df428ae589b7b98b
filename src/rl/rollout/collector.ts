/**
 * A collector runs one rollout's K environments with the given weights for N steps and records
 * what the learner needs. It acts with the pure-TypeScript forward pass, so it runs the same in
 * the main thread and in workers, with no TensorFlow.js.
 *
 * Every random draw is seeded from (training seed, iteration, rollout index): the policy's action
 * draws from one stream per (iteration, rollout), and an episode starting during an iteration is
 * reset with a seed derived from (iteration, rollout, environment, episodes begun by that
 * environment in the iteration). The collector's only other state is its environments mid-episode,
 * so rollout r gives the same trajectories wherever it runs, provided the same collector serves it
 * every iteration.
 */
import { deriveSeed, Rng } from '../../util/rng.js';
import { environmentAction } from '../policy/actionHead.js';
import { weightLayout, type WeightLayout } from '../policy/layout.js';
import { Policy } from '../policy/policy.js';
import { makeEnv } from '../envs/registry.js';
import type { Env } from '../env.js';
import { flatSize } from '../spaces.js';
import { EpisodeStatistics } from '../wrappers/episodeStatistics.js';
import { NormalizeEnv, Normalizer } from '../wrappers/normalize.js';
import type { RolloutTask, Trajectories } from './task.js';

/** Stream tags of the collector's draws. */
const ACTION_STREAM = 11;
const EPISODE_STREAM = 12;

interface Slot {
  recorder: EpisodeStatistics;
  env: Env;
  /** The observation the next step acts on; null until the first reset. */
  observation: Float32Array | null;
}

export class Collector {
  readonly layout: WeightLayout;
  private readonly slots: Slot[];
  private readonly normalizer: Normalizer | null;

  constructor(readonly task: RolloutTask) {
    this.normalizer = task.normalization ? new Normalizer(task.normalization) : null;
    this.slots = Array.from({ length: task.numEnvs }, () => {
      const recorder = new EpisodeStatistics(makeEnv(task.env.name, task.env.config));
      const env = this.normalizer ? new NormalizeEnv(recorder, this.normalizer) : recorder;
      return { recorder, env, observation: null };
    });
    const first = this.slots[0].env;
    this.layout = weightLayout({ observationSize: first.observationNames.length, actionSpace: first.actionSpace, hiddenSizes: task.hiddenSizes });
  }

  /** Runs iteration `task.iteration` of this rollout with `weights`. */
  collect(task: RolloutTask, weights: Float32Array): Trajectories {
    if (task.numEnvs !== this.slots.length || task.rollout !== this.task.rollout || task.runId !== this.task.runId) throw new Error('collector: the task is not this collector’s rollout');
    if (task.normalization) this.normalizer?.setBase(task.normalization);
    const policy = new Policy(this.layout, weights);
    const space = this.layout.spec.actionSpace;
    const K = task.numEnvs;
    const N = task.numSteps;
    const O = this.layout.spec.observationSize;
    const A = flatSize(space);
    const out: Trajectories = {
      rollout: task.rollout,
      numEnvs: K,
      numSteps: N,
      observationSize: O,
      actionSize: A,
      observations: new Float32Array(K * N * O),
      actions: new Float32Array(K * N * A),
      logProbs: new Float32Array(K * N),
      values: new Float32Array(K * N),
      rewards: new Float64Array(K * N),
      ended: new Uint8Array(K * N),
      truncated: new Uint8Array(K * N),
      finalValues: new Float32Array(K * N),
      lastValues: new Float32Array(K),
      episodes: [],
      normalization: null,
    };
    const rng = new Rng(deriveSeed(task.seed, ACTION_STREAM, task.iteration, task.rollout));
    const begun = new Array<number>(K).fill(0);
    const reset = (k: number) => {
      const seed = deriveSeed(task.seed, EPISODE_STREAM, task.iteration, task.rollout, k, begun[k]++);
      this.slots[k].observation = this.slots[k].env.reset({ seed }).observation;
    };
    for (let k = 0; k < K; k++) if (this.slots[k].observation === null) reset(k);
    for (let t = 0; t < N; t++) {
      for (let k = 0; k < K; k++) {
        const slot = this.slots[k];
        const i = k * N + t;
        const obs = slot.observation!;
        out.observations.set(obs, i * O);
        const { action, logProb, value } = policy.act(obs, rng);
        out.actions.set(action, i * A);
        out.logProbs[i] = logProb;
        out.values[i] = value;
        const r = slot.env.step(environmentAction(space, action));
        out.rewards[i] = r.reward;
        if (r.terminated || r.truncated) {
          out.ended[i] = 1;
          if (!r.terminated) {
            out.truncated[i] = 1;
            out.finalValues[i] = policy.value(r.observation);
          }
          out.episodes.push(...slot.recorder.takeEpisodes());
          reset(k);
        } else {
          slot.observation = r.observation;
        }
      }
    }
    for (let k = 0; k < K; k++) {
      out.lastValues[k] = policy.value(this.slots[k].observation!);
    }
    out.normalization = this.normalizer?.takeDelta() ?? null;
    return out;
  }

  close(): void {
    for (const s of this.slots) s.env.close?.();
  }
}

/** The collectors of one thread, by run and rollout; a rollout's collector is made on its first task. */
export class CollectorStore {
  private readonly collectors = new Map<string, Collector>();

  run(task: RolloutTask, weights: Float32Array): Trajectories {
    const key = `${task.runId}/${task.rollout}`;
    let c = this.collectors.get(key);
    if (!c) {
      c = new Collector(task);
      this.collectors.set(key, c);
    }
    return c.collect(task, weights);
  }

  /** Drops the collectors of a finished run. */
  release(runId: string): void {
    for (const [key, c] of this.collectors) {
      if (key.startsWith(`${runId}/`)) {
        c.close();
        this.collectors.delete(key);
      }
    }
  }
}
