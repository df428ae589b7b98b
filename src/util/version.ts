import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Aftershock's version from package.json, found both from src/ (tsx) and from dist/src/ (built). */
export function packageVersion(): string {
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}

/** The commit Aftershock runs from (null outside a git checkout): results and policies record it. */
export function gitCommit(): string | null {
  try {
    const dir = new URL('../../', import.meta.url).pathname;
    return (
      execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim() || null
    );
  } catch {
    return null;
  }
}
