/**
 * `aftershock recommend SWEEP_DIR --appetite FILE [--out DIR]`: the parameter value a risk
 * appetite allows, from a sweep's own table, written as an ARFC-style post (recommendation.md)
 * and a governance payload (payload.json) into a folder of its own (default `<sweep>-recommendation`).
 */
import { basename, dirname, join, resolve } from 'node:path';
import type { Register } from './program.js';
import { action } from './common.js';
import { InputError } from '../util/errors.js';
import { checkOutputFolder, type OwnedFolder } from '../util/outputFolder.js';
import { writeFolderAtomic } from '../util/atomicWrite.js';
import { packageVersion } from '../util/version.js';
import { loadScenario } from '../scenario/load.js';
import { getAt, parsePath, resolvePath } from '../scenario/fieldPath.js';
import { readResults } from '../report/content/readResults.js';
import { loadAppetite } from '../report/recommend/appetite.js';
import { choose } from '../report/recommend/choose.js';
import { stewardPlan } from '../report/recommend/stewardSteps.js';
import { payloadFor } from '../report/recommend/payload.js';
import { recommendationMarkdown } from '../report/recommend/arfc.js';
import { recordedStartingDebts, startingDebtUsd } from '../report/recommend/startingDebt.js';
import { createAgent } from '../../agents/index.js';
import { withPolicyAgents } from '../rl/agents/factory.js';

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A recommendation folder: manifest.json names Aftershock, says `kind: recommendation` and lists the files. */
export const RECOMMENDATION_FOLDER: OwnedFolder = {
  what: 'an Aftershock recommendation folder',
  marker: 'manifest.json',
  listed: (m) => (isRecord(m) && isRecord(m.aftershock) && m.kind === 'recommendation' && Array.isArray(m.files) && m.files.every((f) => typeof f === 'string') ? (m.files as string[]) : undefined),
};

export const register: Register = (program) => {
  program
    .command('recommend')
    .description('pick the parameter value a risk appetite allows from a sweep, and write an ARFC-style recommendation with its payload')
    .argument('<sweep-dir>', 'a results folder written by sweep')
    .requiredOption('--appetite <FILE>', 'risk appetite (YAML, version 1)')
    .option('--out <DIR>', 'recommendation folder (default: <sweep-dir>-recommendation beside it)')
    .action(
      action(async (target: string, flags: { appetite: string; out?: string }) => {
        const appetite = loadAppetite(flags.appetite);
        const out = checkOutputFolder(flags.out ?? join(dirname(resolve(target)), `${basename(resolve(target))}-recommendation`), RECOMMENDATION_FOLDER, '--out');
        const results = readResults(target);
        if (results.kind !== 'sweep') throw new InputError(`expected a sweep's results folder (sweep.json), got a ${results.kind === 'run' ? 'one-path run' : 'many-path run'}`, target);
        const doc = results.sweep;
        const objective = 'maximise' in appetite.objective ? appetite.objective.maximise : appetite.objective.minimise;
        const axis = (results.manifest.grid ?? []).find((g) => g.path === objective || g.resolved === objective);
        if (!axis)
          throw new InputError(
            `expected a parameter the sweep varied (${(results.manifest.grid ?? []).map((g) => g.path).join(', ')}), got ${JSON.stringify(objective)}`,
            appetite.file,
            undefined,
            'objective',
          );
        if (!doc.cells.every((c) => appetite.protocol in c.summary.protocols))
          throw new InputError(
            `expected a protocol of the sweep's scenario (${Object.keys(doc.cells[0]?.summary.protocols ?? {}).join(', ')}), got ${JSON.stringify(appetite.protocol)}`,
            appetite.file,
            undefined,
            'protocol',
          );
        if ('missing' in results.scenario) throw new InputError(`the sweep's scenario is needed for the current value: ${results.scenario.missing}`, target);
        const base = results.scenario;
        const where = resolvePath(structuredClone(base.scenario), parsePath(axis.resolved));
        const current = 'path' in where ? Number(getAt(base.scenario, where.path)) : NaN;
        if (!Number.isFinite(current)) throw new InputError(`the scenario has no number at ${axis.resolved}`, base.file);
        // starting debt per cell, only when the LaR constraint needs it
        let debts: (number | undefined)[] = [];
        const recorded = appetite.constraints.liquidationsAtRisk && recordedStartingDebts(target, results.manifest.files, appetite.protocol);
        if (recorded) debts = recorded;
        else if (appetite.constraints.liquidationsAtRisk) {
          // a sweep folder from before start.json: rebuild each cell's path-0 world
          const cells = (results.manifest as unknown as { cells?: { overrides: string[] }[] }).cells ?? [];
          const book = doc.loanBook === 'shared' ? base.scenario : undefined;
          for (const c of doc.cells) {
            const cell = loadScenario(base.file, cells[c.cell]?.overrides ?? base.overrides);
            debts[c.cell] = startingDebtUsd(cell, doc.seed, appetite.protocol, withPolicyAgents(createAgent, cell), book);
          }
        }
        const choice = choose(doc.cells, axis.path, appetite, debts);
        if (!choice.chosen)
          throw new Error(
            `no value of ${axis.path} swept (${choice.candidates.map((c) => c.value).join(', ')}) meets the appetite ${appetite.file}; the first failure at each: ${choice.candidates.map((c) => `${c.value}: ${c.checks.flat().find((k) => !k.ok)?.describe}`).join('; ')}`,
          );
        const plan = stewardPlan(appetite, appetite.stewards?.maxPercentChange[axis.path] !== undefined ? axis.path : axis.resolved, current, choice.chosen.value);
        if (plan.refused) throw new Error(`refused: ${plan.refused}`);
        const payloads = plan.steps.map((v) => payloadFor(axis.resolved, v));
        const md = recommendationMarkdown({
          sweep: doc,
          sweepDir: target,
          digest: results.manifest.results?.digest ?? null,
          reproduce: results.manifest.reproduce ?? null,
          appetite,
          axis: axis.path,
          resolved: axis.resolved,
          current,
          choice,
          plan,
          payloads,
        });
        const summary = {
          parameter: axis.path,
          current,
          recommended: choice.chosen.value,
          steps: plan.steps,
          binding: choice.binding ? { next: choice.binding.next.value, failed: choice.binding.failed.map((k) => ({ constraint: k.name, value: k.value, limit: k.limit })) } : null,
          payloads,
        };
        const files: Record<string, string> = { 'recommendation.md': md, 'payload.json': `${JSON.stringify(summary, null, 2)}\n` };
        files['manifest.json'] =
          `${JSON.stringify({ kind: 'recommendation', aftershock: { version: packageVersion() }, command: ['recommend', ...process.argv.slice(3)], source: { dir: target, digest: results.manifest.results?.digest ?? null }, appetite: appetite.file, files: Object.keys(files) }, null, 2)}\n`;
        writeFolderAtomic(out, files, RECOMMENDATION_FOLDER);
        const bindText = choice.binding ? `; ${choice.binding.failed.map((k) => k.name).join(', ')} binds at ${choice.binding.next.value}` : '; no constraint binds within the sweep';
        process.stdout.write(
          `recommend ${axis.path}: ${current} → ${choice.chosen.value}${plan.steps.length > 1 ? ` in ${plan.steps.length} steps (${plan.steps.join(' → ')})` : ''}${bindText}\nrecommendation: ${out}\n`,
        );
      }),
    );
};
