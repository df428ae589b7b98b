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
import { observationMismatch } from '../rl/policy/observationCheck.js';
import { makeEnv } from '../rl/envs/registry.js';
import { evaluate, type EvaluationReport } from '../rl/evaluate/evaluation.js';
import { baselineCount } from '../rl/evaluate/baselines.js';
import { SimEnv } from '../rl/envs/simEnv.js';

interface EvalFlags {
  scenario?: string;
  set?: string[];
  paths?: string;
  seed?: string;
  shockScales?: string;
  explain?: string | boolean;
  sweepEpisodes?: string;
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

/** What each scenario variant is, for the table: its `--set` overrides (an environment without variants: none). */
function variantLabels(env: unknown): string[] {
  const variants = env instanceof SimEnv ? (env.loaded.scenario.rl?.training?.variants ?? []) : [];
  return variants.map((v) => v.set.join(', '));
}

function table(r: EvaluationReport, labels: readonly string[]): string {
  const lines: string[] = [];
  const scaleLabel = (k: number | null) => (k === null ? 'drawn' : `×${k}`);
  const termNames = [...new Set(r.controllers.flatMap((c) => Object.keys(c.terms)))];
  lines.push(`held-out episodes: ${r.episodes} seeds × shock scales ${r.shockScales.map(scaleLabel).join(', ')}`);
  lines.push('');
  lines.push(['controller', 'mean return', ...r.shockScales.map((k) => `at ${scaleLabel(k)}`), ...termNames].join(' | '));
  for (const c of r.controllers) lines.push([c.name, fmt(c.meanReturn), ...c.byScale.map(fmt), ...termNames.map((t) => fmt(c.terms[t] ?? 0))].join(' | '));
  const variants = r.controllers[0].byVariant;
  if (variants.length > 0) {
    lines.push('');
    lines.push('by scenario variant (episodes): mean return, then its parts');
    for (const v of variants) {
      lines.push(`  variant ${v.variant} (${v.episodes}): ${labels[v.variant] ?? ''}`);
      for (const c of r.controllers) {
        const row = c.byVariant.find((x) => x.variant === v.variant);
        if (row) lines.push(`    ${[c.name, fmt(row.meanReturn), ...termNames.map((t) => fmt(row.terms[t] ?? 0))].join(' | ')}`);
      }
    }
  }
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
    .option('--sweep-episodes <N>', 'collateral-policy: episodes each static offset of the best-static sweep is played on (default 8)')
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
        const sweepEpisodes = numberFlag('sweep-episodes', flags.sweepEpisodes, { min: 1, max: 100000, integer: true });
        const policy = loadPolicy(dir);
        const trainedOn = policy.document.env.config;
        const config: Record<string, unknown> =
          flags.scenario !== undefined
            ? { ...trainedOn, scenario: flags.scenario, overrides: flags.set ?? [] }
            : (flags.set ?? []).length > 0
              ? { ...trainedOn, overrides: [...((trainedOn.overrides as string[]) ?? []), ...(flags.set ?? [])] }
              : trainedOn;
        const env = makeEnv(policy.document.env.name, config);
        const mismatch = observationMismatch(env.observationNames, policy.document.observationNames, 'the environment');
        if (mismatch) throw new InputError(mismatch, undefined, undefined, '--scenario');
        const quiet = Boolean(flags.quiet) || (Boolean(flags.json) && !process.stderr.isTTY);
        const total = paths * (shockScales?.length ?? 1) * (1 + baselineCount(policy.document.env.name));
        const bar = progressBar(total, 'episodes', quiet);
        let done = 0;
        try {
          const report = evaluate({
            policy,
            env,
            episodes: paths,
            seed,
            shockScales,
            explain,
            sweepEpisodes,
            trace: Boolean(flags.trace),
            sample: Boolean(flags.sample),
            onEpisode: () => bar.update(++done),
          });
          bar.stop();
          if (flags.json) printJson(report);
          else process.stdout.write(table(report, variantLabels(env)));
        } finally {
          bar.stop();
          env.close?.();
        }
      }),
    );
};
