/**
 * A results folder's `scenario.yaml`: the scenario document as it ran. Without `--set` it is the
 * file's own text, comments and all; with overrides it is the document after they were applied
 * (the same step loading takes before validation), written out as YAML under a header naming the
 * file and the overrides. Loading it gives the same scenario the run used; the manifest keeps the
 * SHA-256 of the original text and the overrides, which is what reproduces the run.
 */
import { parse, stringify } from 'yaml';
import { applyOverrides, type LoadedScenario } from '../scenario/load.js';

/** `overrides` defaults to the loaded scenario's own (a sweep cell passes its `--set` and grid values). */
export function scenarioAsRun(loaded: LoadedScenario, overrides = loaded.overrides): string {
  if (loaded.source === undefined) throw new Error(`the text of ${loaded.file} was not kept; its scenario.yaml cannot be written`);
  if (overrides.length === 0) return loaded.source;
  const raw = parse(loaded.source) as unknown;
  applyOverrides(raw, overrides, loaded.file);
  const header = [`# ${loaded.file} as run, with these overrides applied:`, ...overrides.map((o) => `#   --set ${o}`), `# Relative file names in it are relative to the folder of ${loaded.file}.`];
  return `${header.join('\n')}\n${stringify(raw, { lineWidth: 0 })}`;
}
