/**
 * Why a policy chose what it chose: the Shapley contribution of each observation feature to one
 * decision, against a baseline observation (a calm market). The "game" is the policy's output with
 * the features of a coalition at their observed values and the others at the baseline's, the
 * interventional Shapley value the risk models use for their attributions (src/risk/shapley.ts),
 * so the contributions sum exactly to output(observed) − output(baseline).
 *
 * Observation values that belong together (the bins of one health histogram) are one factor:
 * switching a single bin would show the policy a histogram no world produces. Exact Shapley needs
 * 2^n evaluations of the policy; with the pure forward pass that is microseconds each, and the
 * factor count is bounded by the risk library's limit.
 */
import { shapley, type ShapleyResult } from '../../risk/shapley.js';

export interface FeatureGroup {
  name: string;
  /** Indices of the observation values in the group. */
  indices: readonly number[];
}

/**
 * Groups observation names into factors: values named `<feature>[<bin>]` (the observation
 * library's names for a histogram's buckets) share the factor `<feature>`; every other name is a
 * factor of its own.
 */
export function groupFeatures(names: readonly string[]): FeatureGroup[] {
  const groups = new Map<string, number[]>();
  names.forEach((name, i) => {
    const key = name.replace(/\[[^\]]*\]$/, '');
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  });
  return [...groups].map(([name, indices]) => ({ name, indices }));
}

/**
 * Shapley contributions of each group to `output(observation)`, relative to `output(baseline)`.
 * `output` maps an observation to the number explained (a control's mean action, or the
 * probability of the chosen discrete action).
 */
export function explainDecision(output: (observation: Float32Array) => number, observed: Float32Array, baseline: Float32Array, groups: readonly FeatureGroup[]): ShapleyResult {
  if (observed.length !== baseline.length) throw new Error(`explainDecision: observation of ${observed.length} values against a baseline of ${baseline.length}`);
  const mixed = new Float32Array(observed.length);
  return shapley(
    groups.map((g) => g.name),
    (useObserved) => {
      mixed.set(baseline);
      groups.forEach((g, k) => {
        if (useObserved[k]) for (const i of g.indices) mixed[i] = observed[i];
      });
      return output(mixed);
    },
  );
}
