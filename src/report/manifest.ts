/**
 * `manifest.json`: everything needed to reproduce a results folder and to know what produced
 * it: the scenario's SHA-256 and overrides, the seed, the command, Aftershock's version and git
 * commit, Node's version and the versions of the packages that compute results. Unlike the
 * summary, it records wall time, so it differs between otherwise equal runs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { packageVersion } from '../util/version.js';

const TRACKED_PACKAGES = ['zod', 'yaml', 'graphology', 'commander', 'piscina', 'apache-arrow', 'simple-statistics', '@tensorflow/tfjs'];

function gitCommit(): string | null {
  try {
    const dir = new URL('../../', import.meta.url).pathname;
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || null;
  } catch {
    return null;
  }
}

function packageVersions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const out: Record<string, string> = {};
  for (const name of TRACKED_PACKAGES) {
    try {
      const main = require.resolve(`${name}/package.json`);
      out[name] = (JSON.parse(readFileSync(main, 'utf8')) as { version: string }).version;
    } catch {
      out[name] = 'unknown';
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
  files: string[];
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
    files: m.files,
  };
}
