/**
 * The reinforcement-learning layer's public face (exported under `experimental`): the
 * environment contract and spaces, the environment registry, PPO's training loop and defaults,
 * the rollout executor, and policy folders (saving, loading, acting).
 */
export type { Env, Info, ResetArgs, ResetResult, StepResult } from './env.js';
export { box, discrete, multiDiscrete, contains, sample, flatSize, type Box, type Discrete, type MultiDiscrete, type Space, type SpaceValue } from './spaces.js';
export { checkEnv, type CheckEnvOptions } from './checkEnv.js';
export { ENVIRONMENTS, makeEnv, type EnvFactory, type EnvRegistration } from './envs/registry.js';
export { CartPole, CARTPOLE } from './envs/cartPole.js';
export { TimeLimit } from './wrappers/timeLimit.js';
export { EpisodeStatistics, type EpisodeRecord } from './wrappers/episodeStatistics.js';
export { RunningMoments, type MomentsJson } from './wrappers/runningMoments.js';
export {
  NormalizeEnv,
  Normalizer,
  initialNormalization,
  mergeNormalization,
  normalizeObservation,
  type NormalizationSettings,
  type NormalizationState,
  type NormalizationDelta,
} from './wrappers/normalize.js';
export { trainPpo, type TrainPpoOptions, type PpoResult, type LearningCurveRow, type TrainingStart } from './train.js';
export { PPO_DEFAULTS, CLEANRL_DISCRETE, CLEANRL_CONTINUOUS, ppoDefaults, resolvePpoConfig, type PpoConfig } from './ppo/config.js';
export { gae, type Advantages } from './ppo/gae.js';
export { nStepReturns, discountedReturns } from './ppo/returns.js';
export type { Segment } from './ppo/segment.js';
export { clippedSurrogate, valueLoss, approxKl } from './ppo/losses.js';
export { RolloutPool, type RolloutPoolOptions } from './rollout/pool.js';
export type { RolloutExecutor } from './rollout/executor.js';
export type { RolloutTask, Trajectories } from './rollout/task.js';
export { weightLayout, flatten, unflatten, type PolicySpec, type WeightLayout, type TensorSlot } from './policy/layout.js';
export { initialWeights } from './policy/initialWeights.js';
export { Policy, type ActResult } from './policy/policy.js';
export { ActingPolicy, type PolicySource } from './policy/actingPolicy.js';
export { loadPolicy, readPolicyDocument, POLICY_FOLDER, POLICY_FORMAT, type PolicyDocument, type LoadedPolicy, type TrainedPolicy, type PolicyProvenance } from './policy/policyFile.js';
export { savePolicy, loadPolicyForTraining, type PolicyForTraining } from './policy/layersModel.js';
