/**
 * The agent factory of a scenario with trained policies among its agents (`kind: policy`): the
 * scenario's own factory (agents/index.ts) for every other kind, a PolicyLiquidator for each
 * policy agent. Whoever runs a scenario wraps its factory with this one (the command line, the
 * path workers of src/parallel/, which the dependency rules allow to import this folder only).
 *
 * Policy folders are read once per factory (a path worker keeps one per scenario), relative to
 * the scenario's folder as every file a scenario names is.
 */
import { resolve } from 'node:path';
import type { AgentFactory, PolicyAgentSpec } from '../../sim/agent.js';
import type { LoadedScenario } from '../../scenario/load.js';
import { formatPath } from '../../scenario/fieldPath.js';
import { InputError } from '../../util/errors.js';
import { liquidatorLayout } from '../envs/liquidator/layout.js';
import { timingOf } from '../envs/simEnv.js';
import { ActingPolicy } from '../policy/actingPolicy.js';
import { loadPolicy } from '../policy/policyFile.js';
import { PolicyLiquidator, type PolicyPlan } from './policyLiquidator.js';

/** The scenario's policy agents, with their index in `agents`. */
function policyAgents(loaded: LoadedScenario): { spec: PolicyAgentSpec; index: number }[] {
  return loaded.scenario.agents.flatMap((spec, index) => (spec.kind === 'policy' ? [{ spec, index }] : []));
}

/** `base` with the scenario's policy agents made from their policy folders. */
export function withPolicyAgents(base: AgentFactory, loaded: LoadedScenario): AgentFactory {
  const agents = policyAgents(loaded);
  if (agents.length === 0) return base;
  const s = loaded.scenario;
  const timing = timingOf(s);
  const policies = new Map<string, ActingPolicy>();
  const actingPolicy = (spec: PolicyAgentSpec, field: string): ActingPolicy => {
    const dir = resolve(loaded.baseDir, spec.policy);
    let p = policies.get(dir);
    if (!p) {
      const policy = loadPolicy(dir);
      if (policy.document.env.name !== 'liquidator') {
        throw new InputError(`expected a liquidator policy (trained with --env liquidator), got one trained with --env ${policy.document.env.name}`, loaded.file, undefined, field);
      }
      p = new ActingPolicy(policy);
      policies.set(dir, p);
    }
    return p;
  };
  return (spec, ctx, dt, tag) => {
    if (spec.kind !== 'policy') return base(spec, ctx, dt, tag);
    const index = agents.find((a) => a.spec.id === spec.id)?.index ?? s.agents.findIndex((a) => a.id === spec.id);
    const field = formatPath(['agents', index, 'policy']);
    const plan: PolicyPlan = {
      layout: liquidatorLayout(s, [spec]),
      timing,
      origin: s.rl?.observation ? { file: loaded.file, field: 'rl.observation' } : { field: 'default observation' },
      file: loaded.file,
      field,
    };
    return new PolicyLiquidator(spec, ctx, actingPolicy(spec, field), plan);
  };
}
