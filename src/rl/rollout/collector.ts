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
 *
 * An environment of M agents sharing the policy (parameter sharing: slots.ts) contributes M
 * trajectories: the policy acts once per agent, on the agent's block, and each agent's steps,
 * rewards and episode ends are a trajectory of their own, so GAE runs per agent and the batch holds
 * every agent's transitions.
 */
import { deriveSeed, Rng } from '../../util/rng.js';
import { errorMessage } from '../../parallel/executor.js';
import { environmentAction } from '../policy/actionHead.js';
import { weightLayout, type WeightLayout } from '../policy/layout.js';
import { Policy } from '../policy/policy.js';
import { makeEnv } from '../envs/registry.js';
import { flatSize } from '../spaces.js';
import { agentSpaces, sharedAgents } from '../envs/multiAgent.js';
import { Normalizer } from '../wrappers/normalize.js';
import { rolloutSlot, type RolloutSlot } from './slots.js';
import type { RolloutTask, Trajectories } from './task.js';

/** Stream tags of the collector's draws. */
const ACTION_STREAM = 11;
const EPISODE_STREAM = 12;

export class Collector {
  readonly layout: WeightLayout;
  private readonly slots: RolloutSlot[];
  private readonly normalizer: Normalizer | null;
  /** Agents acting on the policy per environment (M; 1 without parameter sharing). */
  readonly agents: number;

  constructor(readonly task: RolloutTask) {
    this.normalizer = task.normalization ? new Normalizer(task.normalization) : null;
    const envs = Array.from({ length: task.numEnvs }, () => makeEnv(task.env.name, task.env.config));
    const first = envs[0];
    const shared = sharedAgents(first);
    this.slots = envs.map((env) => rolloutSlot(env, this.normalizer));
    this.agents = this.slots[0].agents;
    const spec = shared
      ? { observationSize: shared.agentObservationSize, actionSpace: agentSpaces(shared).actionSpace, hiddenSizes: task.hiddenSizes }
      : { observationSize: first.observationNames.length, actionSpace: first.actionSpace, hiddenSizes: task.hiddenSizes };
    this.layout = weightLayout(spec);
  }

  /** Runs iteration `task.iteration` of this rollout with `weights`. */
  collect(task: RolloutTask, weights: Float32Array): Trajectories {
    if (task.numEnvs !== this.slots.length || task.rollout !== this.task.rollout || task.runId !== this.task.runId) throw new Error('collector: the task is not this collector’s rollout');
    if (task.normalization) this.normalizer?.setBase(task.normalization);
    const policy = new Policy(this.layout, weights);
    const space = this.layout.spec.actionSpace;
    const K = task.numEnvs;
    const M = this.agents;
    const S = K * M; // trajectories: environment k's agent m is k·M + m
    const N = task.numSteps;
    const O = this.layout.spec.observationSize;
    const A = flatSize(space);
    const out: Trajectories = {
      rollout: task.rollout,
      numEnvs: S,
      numSteps: N,
      observationSize: O,
      actionSize: A,
      observations: new Float32Array(S * N * O),
      actions: new Float32Array(S * N * A),
      logProbs: new Float32Array(S * N),
      values: new Float32Array(S * N),
      rewards: new Float64Array(S * N),
      ended: new Uint8Array(S * N),
      truncated: new Uint8Array(S * N),
      finalValues: new Float32Array(S * N),
      lastValues: new Float32Array(S),
      episodes: [],
      normalization: null,
    };
    const rng = new Rng(deriveSeed(task.seed, ACTION_STREAM, task.iteration, task.rollout));
    const begun = new Array<number>(K).fill(0);
    const reset = (k: number) => this.slots[k].reset(deriveSeed(task.seed, EPISODE_STREAM, task.iteration, task.rollout, k, begun[k]++));
    for (let k = 0; k < K; k++) if (this.slots[k].observations === null) reset(k);
    for (let t = 0; t < N; t++) {
      for (let k = 0; k < K; k++) {
        const slot = this.slots[k];
        const observations = slot.observations!;
        const actions = observations.map((obs, m) => {
          const i = (k * M + m) * N + t;
          out.observations.set(obs, i * O);
          const { action, logProb, value } = policy.act(obs, rng);
          out.actions.set(action, i * A);
          out.logProbs[i] = logProb;
          out.values[i] = value;
          return environmentAction(space, action);
        });
        const r = slot.step(actions);
        for (let m = 0; m < M; m++) {
          const i = (k * M + m) * N + t;
          out.rewards[i] = r.rewards[m];
          if (r.terminated || r.truncated) {
            out.ended[i] = 1;
            if (!r.terminated) {
              out.truncated[i] = 1;
              out.finalValues[i] = policy.value(r.observations[m]);
            }
          }
        }
        if (r.terminated || r.truncated) {
          out.episodes.push(...slot.takeEpisodes());
          reset(k);
        }
      }
    }
    for (let k = 0; k < K; k++) {
      this.slots[k].observations!.forEach((obs, m) => (out.lastValues[k * M + m] = policy.value(obs)));
    }
    out.normalization = this.normalizer?.takeDelta() ?? null;
    return out;
  }

  close(): void {
    for (const s of this.slots) s.close();
  }
}

/** Runs one rollout from `store`; an error names the rollout and iteration that failed. */
export function runRollout(store: CollectorStore, task: RolloutTask, weights: Float32Array): Trajectories {
  try {
    return store.run(task, weights);
  } catch (err) {
    throw new Error(`rollout ${task.rollout} of iteration ${task.iteration}: ${errorMessage(err)}`);
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
