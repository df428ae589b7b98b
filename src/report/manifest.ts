/**
 * `manifest.json`: everything needed to reproduce a results folder and to know what produced
 * it: the scenario's SHA-256 and overrides, the seed, the command, Aftershock's version and git
 * commit, Node's version and the versions of the packages that compute results; the SHA-256 of
 * every input file and of every result file, and the command that re-creates the folder (see
 * provenance.ts; `aftershock verify` checks both). Unlike the summary, it records wall time, so it
 * differs between otherwise equal runs.
 */
import { readFileSync } from 'node:fs';
import { gitCommit, packageVersion } from '../util/version.js';
import { resultDigests, type InputDigest } from './provenance.js';

const TRACKED_PACKAGES = ['zod', 'yaml', 'graphology', 'commander', 'piscina', 'apache-arrow', 'simple-statistics', '@tensorflow/tfjs'];

/**
 * Installed versions, read from each package's own package.json in node_modules (many packages'
 * `exports` hide package.json from require.resolve). Looked up from src/ (tsx) and dist/src/.
 */
function packageVersions(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of TRACKED_PACKAGES) {
    out[name] = 'unknown';
    for (const root of ['../../', '../../../']) {
      try {
        const file = new URL(`${root}node_modules/${name}/package.json`, import.meta.url);
        out[name] = (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
        break;
      } catch {
        // try the next location
      }
    }
  }
  return out;
}

export interface ManifestInput {
  scenarioFile: string;
  sha256: string;
  overrides: string[];
  seed: number;
  command: string[];
  wallTimeSeconds: number;
  /** The folder's files (manifest.json aside), name → content: listed and digested. */
  files: Record<string, string | Uint8Array>;
  /** Every input file the run read, with its SHA-256. */
  inputs: InputDigest[];
  /** The command (without `aftershock`) that writes the same result files, given `--out`. */
  reproduce: string[];
}

/** The `--seed`, `--set` and path flags shared by the commands that reproduce a folder. */
export function reproduceFlags(seed: number, overrides: string[]): string[] {
  return ['--seed', String(seed), ...overrides.flatMap((o) => ['--set', o])];
}

export function buildManifest(m: ManifestInput): Record<string, unknown> {
  return {
    scenario: { file: m.scenarioFile, sha256: m.sha256, overrides: m.overrides },
    seed: m.seed,
    command: m.command,
    aftershock: { version: packageVersion(), commit: gitCommit() },
    node: process.version,
    packages: packageVersions(),
    platform: `${process.platform}-${process.arch}`,
    wallTimeSeconds: Number(m.wallTimeSeconds.toFixed(3)),
    createdAt: new Date().toISOString(),
    files: Object.keys(m.files),
    inputs: m.inputs,
    results: resultDigests(m.files),
    reproduce: m.reproduce,
  };
}
