/**
 * `aftershock verify RESULTS_DIR`: the results are what the run wrote, the inputs are what it read,
 * and the recorded command, run again here, writes the same bytes. Prints `verified: …` (exit 0)
 * or `DIFFERENT: <the first difference>` (exit 1). The re-run goes to a temporary folder of its
 * own, removed afterwards; nothing in RESULTS_DIR is touched.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Register } from './program.js';
import { action, numberFlag } from './common.js';
import { InputError } from '../util/errors.js';
import { packageVersion } from '../util/version.js';
import { checkInputs, checkResultFiles, compareWithRerun, readVerifiableManifest } from '../report/verify.js';

interface VerifyFlags {
  rerun?: boolean;
  workers?: string;
}

/** How this process was started, so the re-run uses the same tool: the build, or the sources through tsx. */
function selfCommand(): string[] {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  const main = join(here, '..', fromSource ? 'main.ts' : 'main.js');
  // tsx resolved from here, not from the folder the user is in (which need not hold node_modules)
  return fromSource ? ['--import', import.meta.resolve('tsx'), main] : [main];
}

function runTool(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...selfCommand(), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
}

export const register: Register = (program) => {
  program
    .command('verify')
    .description('check a results folder: its files against the manifest digests, the input files, and a re-run of the recorded command')
    .argument('<results-dir>', 'a results folder written by run or sweep')
    .option('--no-rerun', 'check the digests of result and input files only')
    .option('--workers <W>', 'worker threads for the re-run (results do not depend on it)')
    .action(
      action(async (target: string, flags: VerifyFlags) => {
        const workers = numberFlag('workers', flags.workers, { min: 1, max: 1024, integer: true });
        const dir = resolve(target);
        if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new InputError(`expected a results folder, got ${JSON.stringify(target)}`);
        const m = readVerifiableManifest(dir);
        const say = (line: string): void => void process.stdout.write(`${line}\n`);
        const different = (line: string): void => {
          say(`DIFFERENT: ${line}`);
          process.exitCode = 1;
        };
        const fileDiff = checkResultFiles(dir, m) ?? checkInputs(m, process.cwd());
        if (fileDiff) return different(fileDiff);
        const names = Object.keys(m.results.files);
        if (flags.rerun === false) return say(`digests match: ${names.length} result files (digest ${m.results.digest.slice(0, 16)}…) and ${m.inputs.length} input files; not re-run`);
        if (m.aftershock.version !== packageVersion()) process.stderr.write(`aftershock: note: the folder was written by Aftershock ${m.aftershock.version}, this is ${packageVersion()}\n`);
        const tmp = mkdtempSync(join(tmpdir(), 'aftershock-verify-'));
        try {
          const out = join(tmp, 'rerun');
          const args = [...m.reproduce, '--out', out, '--quiet', ...(workers ? ['--workers', String(workers)] : [])];
          process.stderr.write(`aftershock: re-running: aftershock ${m.reproduce.join(' ')}\n`);
          const rerun = await runTool(args);
          if (rerun.code !== 0) throw new Error(`the re-run failed (exit ${rerun.code}): ${rerun.stderr.trim().split('\n').pop() ?? ''}`);
          const diff = compareWithRerun(dir, out, m);
          if (diff) return different(diff);
          say(`verified: ${names.length} result files match a re-run of \`aftershock ${m.reproduce.join(' ')}\` (digest ${m.results.digest.slice(0, 16)}…)`);
        } finally {
          rmSync(tmp, { recursive: true, force: true });
        }
      }),
    );
};
