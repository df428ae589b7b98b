/**
 * `aftershock eval POLICY [--scenario S] --paths N`: a trained policy against its environment's
 * baselines on held-out episodes, every controller on the same seeds and shock scales. Prints the
 * mean objective of each, the paired difference (policy − baseline) with its 95 % confidence
 * interval overall and per shock scale, the reward's parts (where the policy wins and where it
 * loses), and with `--explain` the Shapley contributions of the observation features to the
 * decisions that moved furthest from calm.
 */
import type { Register } from './program.js';
import { action, collect, numberFlag, printJson } from './common.js';
import { InputError } from '../util/errors.js';
import { progressBar } from '../util/progress.js';
import { loadPolicy } from '../rl/policy/policyFile.js';
import { makeEnv } from '../rl/envs/registry.js';
import { evaluate, type EvaluationReport } from '../rl/evaluate/evaluation.js';
import { baselineCount } from '../rl/evaluate/baselines.js';

interface EvalFlags {
  scenario?: string;
  set?: string[];
  paths?: string;
  seed?: string;
  shockScales?: string;
  explain?: string | boolean;
  trace?: boolean;
  sample?: boolean;
  json?: boolean;
  quiet?: boolean;
}

function parseScales(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map((x) => x.trim());
  return parts.map((p) => {
    if (!/^\d+(\.\d+)?$/.test(p)) throw new InputError(`expected a comma-separated list of non-negative numbers, got ${JSON.stringify(text)}`, undefined, undefined, '--shock-scales');
    return Number(p);
  });
}

const fmt = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-2 && x !== 0) ? x.toExponential(3) : x.toFixed(3)) : 'n/a');

function table(r: EvaluationReport): string {
  const lines: string[] = [];
  const scaleLabel = (k: number | null) => (k === null ? 'drawn' : `×${k}`);
  const termNames = [...new Set(r.controllers.flatMap((c) => Object.keys(c.terms)))];
  lines.push(`held-out episodes: ${r.episodes} seeds × shock scales ${r.shockScales.map(scaleLabel).join(', ')}`);
  lines.push('');
  lines.push(['controller', 'mean return', ...r.shockScales.map((k) => `at ${scaleLabel(k)}`), ...termNames].join(' | '));
  for (const c of r.controllers) lines.push([c.name, fmt(c.meanReturn), ...c.byScale.map(fmt), ...termNames.map((t) => fmt(c.terms[t] ?? 0))].join(' | '));
  lines.push('');
  lines.push('policy − baseline (mean, 95 % CI; share of episodes the policy did better)');
  for (const cmp of r.comparisons) {
    const d = cmp.overall;
    const verdict = d.low > 0 ? 'policy better' : d.high < 0 ? 'baseline better' : 'no significant difference';
    lines.push(`  vs ${cmp.baseline}: ${fmt(d.mean)} [${fmt(d.low)}, ${fmt(d.high)}], wins ${(100 * d.winShare).toFixed(0)} %: ${verdict}`);
    if (cmp.byScale.length > 1) cmp.byScale.forEach((s, i) => lines.push(`      at ${scaleLabel(r.shockScales[i])}: ${fmt(s.mean)} [${fmt(s.low)}, ${fmt(s.high)}]`));
  }
  if (r.trace) {
    const t = r.trace;
    lines.push('');
    lines.push(`trace of the policy on seed ${t.seed}: ${t.rows.length} of ${t.decisions} decisions act; return ${fmt(t.return)}, protocols' bad debt ${fmt(t.protocolBadDebtUsd)}`);
    lines.push(['decision', 'minute', 'action', 'what changed', 'reward', 'return so far', 'bad debt'].join(' | '));
    for (const row of t.rows)
      lines.push([row.decision, (row.time / 60).toFixed(0), row.description, row.activity ?? '', fmt(row.reward), fmt(row.cumulative), fmt(row.protocolBadDebtUsd)].join(' | '));
  }
  for (const e of r.explanations) {
    lines.push('');
    lines.push(`decision ${e.step} of episode ${e.episode} (action ${e.action.join(', ')}):`);
    e.dimensions.forEach((dim, k) => {
      lines.push(`  action ${k}: ${fmt(dim.baseline)} at calm → ${fmt(dim.actual)}`);
      const top = Object.entries(dim.contributions)
        .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
        .slice(0, 6);
      for (const [name, v] of top) lines.push(`    ${v >= 0 ? '+' : ''}${fmt(v)}  ${name}`);
    });
  }
  return `${lines.join('\n')}\n`;
}

export const register: Register = (program) => {
  program
    .command('eval')
    .description("compare a trained policy with its environment's baselines on held-out episodes")
    .argument('<policy>', 'policy folder (written by `aftershock train`)')
    .option('--scenario <FILE>', 'scenario to evaluate on (default: the one the policy was trained on)')
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect, [])
    .option('--paths <N>', 'held-out episodes per shock scale (default 32)')
    .option('--seed <S>', 'seed of the held-out episodes (default 1)')
    .option('--shock-scales <LIST>', "shock magnitudes to play every episode at, as multiples of the scenario's, e.g. 0.5,1,1.5 (default: the training distribution's draw)")
    .option('--explain [K]', 'explain the K decisions that moved furthest from calm (default 3) by Shapley contributions of the observation features')
    .option('--trace', "list the policy's decisions that act in the first held-out episode: what it does, and when")
    .option('--sample', "draw the policy's actions from its distribution (seeded per episode) instead of taking the most likely")
    .option('--json', 'print the evaluation as JSON alone on stdout')
    .option('--quiet', 'no progress bar')
    .action(
      action(async (dir: string, flags: EvalFlags) => {
        const paths = numberFlag('paths', flags.paths, { min: 2, max: 100000, integer: true }) ?? 32;
        const seed = numberFlag('seed', flags.seed, { min: 0, integer: true }) ?? 1;
        const shockScales = parseScales(flags.shockScales);
        const explain = flags.explain === undefined ? 0 : flags.explain === true ? 3 : numberFlag('explain', String(flags.explain), { min: 1, max: 100, integer: true })!;
        const policy = loadPolicy(dir);
        const trainedOn = policy.document.env.config;
        const config: Record<string, unknown> =
          flags.scenario !== undefined
            ? { ...trainedOn, scenario: flags.scenario, overrides: flags.set ?? [] }
            : (flags.set ?? []).length > 0
              ? { ...trainedOn, overrides: [...((trainedOn.overrides as string[]) ?? []), ...(flags.set ?? [])] }
              : trainedOn;
        const env = makeEnv(policy.document.env.name, config);
        const names = env.observationNames;
        const expected = policy.document.observationNames;
        if (names.length !== expected.length || names.some((n, i) => n !== expected[i])) {
          const i = names.findIndex((n, j) => n !== expected[j]);
          throw new InputError(
            `the environment observes ${names.length === expected.length ? 'other values than the policy was trained on' : `${names.length} values where the policy was trained on ${expected.length}`}${i >= 0 ? ` (value ${i}: ${JSON.stringify(names[i] ?? null)} against ${JSON.stringify(expected[i] ?? null)})` : ''}`,
            undefined,
            undefined,
            '--scenario',
          );
        }
        const quiet = Boolean(flags.quiet) || (Boolean(flags.json) && !process.stderr.isTTY);
        const total = paths * (shockScales?.length ?? 1) * (1 + baselineCount(policy.document.env.name));
        const bar = progressBar(total, 'episodes', quiet);
        let done = 0;
        try {
          const report = evaluate({ policy, env, episodes: paths, seed, shockScales, explain, trace: Boolean(flags.trace), sample: Boolean(flags.sample), onEpisode: () => bar.update(++done) });
          bar.stop();
          if (flags.json) printJson(report);
          else process.stdout.write(table(report));
        } finally {
          bar.stop();
          env.close?.();
        }
      }),
    );
};
