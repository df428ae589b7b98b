/**
 * The command line run inside this process: the commander program of src/cli/program.ts, with
 * stdout and stderr captured and the exit code returned by `main`. `process.exit` is replaced for
 * the duration by a trap that records the call and throws, since a CLI that exits the process
 * would end a fuzz run (and would skip the cleanup that makes "nothing written" true).
 */
import { main } from '../../src/cli/program.js';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
  /** True when the command called process.exit (it never should). */
  calledExit: boolean;
  /** Something escaped `main` itself (it should catch everything and return a code). */
  escaped?: unknown;
  seconds: number;
}

class ExitTrap extends Error {}

export async function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<InProcessResult> {
  const saved = {
    out: process.stdout.write,
    err: process.stderr.write,
    exit: process.exit,
    env: Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]])),
  };
  let stdout = '';
  let stderr = '';
  let calledExit = false;
  const started = Date.now();
  const text = (c: string | Uint8Array) => (typeof c === 'string' ? c : Buffer.from(c).toString('utf8'));
  process.stdout.write = ((c: string | Uint8Array) => ((stdout += text(c)), true)) as typeof process.stdout.write;
  process.stderr.write = ((c: string | Uint8Array) => ((stderr += text(c)), true)) as typeof process.stderr.write;
  process.exit = ((code?: number) => {
    calledExit = true;
    throw new ExitTrap(`process.exit(${code}) called`);
  }) as typeof process.exit;
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  let code = -1;
  let escaped: unknown;
  try {
    code = await main(args);
  } catch (err) {
    escaped = err;
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.exit = saved.exit;
    process.exitCode = undefined;
    for (const [k, v] of Object.entries(saved.env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return { code, stdout, stderr, calledExit, escaped, seconds: (Date.now() - started) / 1000 };
}
