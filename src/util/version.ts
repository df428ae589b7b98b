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
