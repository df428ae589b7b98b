/**
 * The environments a training can name, after Gymnasium's registry: a name maps to a factory that
 * builds the environment from its settings (plain JSON, so that a worker thread can build its own
 * copy from the same name and settings). Time limits are applied here, as Gymnasium's `make`
 * applies a registration's `max_episode_steps`.
 *
 * `cartpole` is the benchmark; `identity`, `identity-box`, `infinite-horizon`, `chain` and `twins` are
 * the small tasks with known answers that PPO's tests learn (twins: parameter sharing). The simulator's environments register
 * here too.
 */
import { InputError } from '../../util/errors.js';
import type { Env } from '../env.js';
import type { PpoConfig } from '../ppo/config.js';
import { TimeLimit } from '../wrappers/timeLimit.js';
import { CARTPOLE, CartPole } from './cartPole.js';
import { ChainEnv } from './chain.js';
import { positiveInteger, positiveNumber, readEnvConfig, requiredString, stringList } from './envConfig.js';
import { SCENARIO_ENVS } from './index.js';
import { IdentityBoxEnv, IdentityEnv } from './identity.js';
import { InfiniteHorizonEnv } from './infiniteHorizon.js';
import { TwinsEnv } from './twins.js';

/** Builds an environment from its settings; throws InputError for bad settings. */
export type EnvFactory = (config: Record<string, unknown> | undefined) => Env;

export interface EnvRegistration {
  readonly description: string;
  /** Built from a scenario file (the `train SCENARIO` argument); the others take none. */
  readonly needsScenario?: boolean;
  /**
   * PPO settings this environment trains with over the action space's defaults, as RL Baselines3
   * Zoo keeps hyperparameters per environment: the scenario environments normalise observations
   * and rewards (their features mix seconds, gwei and shares, and their rewards are USD in the
   * thousands; unscaled, the value loss dominates the clipped gradient and the actor stops moving).
   */
  readonly ppo?: Partial<PpoConfig>;
  readonly make: EnvFactory;
}

/** A scenario environment's settings: the scenario file (as the training command was given it) and its `--set` overrides. */
function scenarioEnv(name: keyof typeof SCENARIO_ENVS, description: string, ppo: Partial<PpoConfig> = {}): EnvRegistration {
  return {
    description,
    needsScenario: true,
    ppo: { normalizeObservation: true, normalizeReward: true, ...ppo },
    make: (config) => {
      const c = readEnvConfig<{ scenario: string; overrides: string[] }>(name, config, { scenario: requiredString('a scenario file (train SCENARIO --env …)'), overrides: stringList });
      return SCENARIO_ENVS[name]({ scenario: c.scenario, overrides: c.overrides });
    },
  };
}

export const ENVIRONMENTS: Readonly<Record<string, EnvRegistration>> = Object.freeze({
  'collateral-policy': scenarioEnv('collateral-policy', "a risk manager setting liquidation thresholds or ratios by `configure` within the scenario's governance bounds"),
  liquidator: scenarioEnv('liquidator', "a liquidator choosing whether, how much, where to sell and what gas to bid, against the scenario's other liquidators"),
  // entropy 0.05 (CleanRL's 0.01 × 5): at 0.01 the exposure head settles on "hold no ETH" while random
  // trading still loses millions, before the collateral and borrowing heads learn what a position is worth
  trader: scenarioEnv('trader', "a trader with capital on the scenario's venues who may borrow from its markets: the adversary", { entCoef: 0.05 }),
  cartpole: {
    description: 'CartPole-v1 (Barto, Sutton & Anderson 1983): balance a pole on a cart; 500-step limit',
    make: (config) => {
      const c = readEnvConfig<{ maxEpisodeSteps: number }>('cartpole', config, { maxEpisodeSteps: positiveInteger(CARTPOLE.maxEpisodeSteps) });
      return new TimeLimit(new CartPole(), c.maxEpisodeSteps);
    },
  },
  identity: {
    description: "Stable-Baselines3's IdentityEnv: name the target shown (discrete)",
    make: (config) => {
      const c = readEnvConfig<{ n: number; episodeLength: number }>('identity', config, { n: positiveInteger(4), episodeLength: positiveInteger(100) });
      return new IdentityEnv(c.n, c.episodeLength);
    },
  },
  'identity-box': {
    description: "Stable-Baselines3's IdentityEnvBox: act within ε of the target shown (box)",
    make: (config) => {
      const c = readEnvConfig<{ epsilon: number; episodeLength: number }>('identity-box', config, { epsilon: positiveNumber(0.05), episodeLength: positiveInteger(100) });
      return new IdentityBoxEnv(-1, 1, c.epsilon, c.episodeLength);
    },
  },
  'infinite-horizon': {
    description: "Stable-Baselines3's InfiniteHorizonEnv: reward 1 for ever, cut by a time limit",
    make: (config) => {
      const c = readEnvConfig<{ states: number; maxEpisodeSteps: number }>('infinite-horizon', config, { states: positiveInteger(4), maxEpisodeSteps: positiveInteger(8) });
      return new TimeLimit(new InfiniteHorizonEnv(c.states), c.maxEpisodeSteps);
    },
  },
  twins: {
    description: 'Agents sharing one policy, each paid its own known sequence (k + 1)·2^t: a test of parameter sharing',
    make: (config) => {
      const c = readEnvConfig<{ agents: number; length: number }>('twins', config, { agents: positiveInteger(2), length: positiveInteger(3) });
      return new TwinsEnv(c.agents, c.length);
    },
  },
  chain: {
    description: 'A chain of cells with the reward at the right end: known optimal values γ^(L−1−s)',
    make: (config) => {
      const c = readEnvConfig<{ length: number; maxEpisodeSteps: number }>('chain', config, { length: positiveInteger(4), maxEpisodeSteps: positiveInteger(20) });
      return new TimeLimit(new ChainEnv(c.length), c.maxEpisodeSteps);
    },
  },
});

/** The registered environment `name` built from `config`; InputError (field `env`) for an unknown name. */
export function makeEnv(name: string, config?: Record<string, unknown>): Env {
  if (!Object.hasOwn(ENVIRONMENTS, name)) throw new InputError(`expected one of ${Object.keys(ENVIRONMENTS).join(', ')}, got ${JSON.stringify(name)}`, undefined, undefined, 'env');
  return ENVIRONMENTS[name].make(config);
}
