/**
 * Runs one generated case through the CLI in this process and checks what must hold for any
 * input, however malformed:
 *
 *  - the exit code is 2 (bad input) or, for a mutation that may leave a valid scenario, 0;
 *    never 1, never a call to process.exit, never an exception out of `main`;
 *  - on 2: exactly one line on stderr, starting `aftershock: ` and the name of a file the case
 *    gave (the scenario, a CSV, a special file), nothing on stdout, no stack trace, and the case
 *    folder exactly as before (nothing written, changed or deleted);
 *  - on 0: no stack trace, stderr holds warnings only, nothing in the folder changed or deleted,
 *    and anything new lies inside the `--out` folder of a run.
 *
 * Each case gets a folder of its own: the seed's scenario and files at their repository-relative
 * paths (so `../data/…` references resolve), plus an unrelated file that must survive.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCli } from './inProcessCli.js';
import type { FuzzCase, SpecialPaths } from './mutate.js';

export type Outcome = 'rejected' | 'accepted' | 'failure';

export interface CaseResult {
  index: number;
  code: number;
  outcome: Outcome;
  /** What broke a property (empty unless outcome is 'failure'). */
  problems: string[];
  seconds: number;
  args: string[];
  firstLine: string;
}

/** Longest a case may take before it counts as a hang (the slowest valid case takes about a second). */
const CASE_SECONDS = 30;

type Snapshot = Map<string, string>;

/** Every entry under `dir`: files by size and SHA-1, anything else by its type (a FIFO is never opened). */
function snapshot(dir: string): Snapshot {
  const out: Snapshot = new Map();
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, r));
      if (st.isDirectory()) {
        out.set(r, 'dir');
        walk(r);
      } else if (st.isFile())
        out.set(
          r,
          `file ${st.size} ${createHash('sha1')
            .update(readFileSync(join(dir, r)))
            .digest('hex')}`,
        );
      else out.set(r, st.isSymbolicLink() ? 'link' : 'special');
    }
  };
  walk('');
  return out;
}

const STACK = /^\s+at\s|\n\s+at\s/;

export async function runCase(c: FuzzCase, root: string, special: SpecialPaths, keep = false): Promise<CaseResult> {
  const dir = join(root, `case-${c.index}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const scenarioFile = join(dir, c.seed);
  mkdirSync(dirname(scenarioFile), { recursive: true });
  writeFileSync(scenarioFile, c.text);
  const given = [c.scenarioAt ?? scenarioFile];
  for (const f of c.files) {
    const path = join(dir, f.rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.text);
    given.push(path);
  }
  given.push(...Object.values(special)); // a scenario may name one (the mutation wrote it into the text)
  writeFileSync(join(dir, 'unrelated-notes.txt'), 'a file the tool did not write\n');
  const out = join(dir, 'out');
  const args = c.command === 'run' ? ['run', c.scenarioAt ?? scenarioFile, '--set', `horizon=${c.runHorizon}`, '--out', out, '--quiet', '--json'] : ['validate', c.scenarioAt ?? scenarioFile];

  const before = snapshot(dir);
  const r = await runCli(args, c.env ?? {});
  const after = snapshot(dir);

  const problems: string[] = [];
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  if (r.calledExit) problems.push('called process.exit');
  if (r.escaped !== undefined) problems.push(`exception escaped main: ${String(r.escaped)}`);
  if (STACK.test(r.stderr) || STACK.test(r.stdout)) problems.push('stack trace in the output');
  if (r.seconds > CASE_SECONDS) problems.push(`took ${r.seconds.toFixed(1)} s`);
  for (const [path, what] of before) {
    const now = after.get(path);
    if (now === undefined) problems.push(`deleted ${path}`);
    else if (now !== what) problems.push(`changed ${path}`);
  }
  const added = [...after.keys()].filter((p) => !before.has(p));
  if (r.code === 2) {
    if (r.stdout !== '') problems.push('output on stdout');
    if (lines.length !== 1 || !r.stderr.endsWith('\n')) problems.push(`expected one line on stderr, got ${lines.length}: ${JSON.stringify(r.stderr)}`);
    const first = lines[0] ?? '';
    const rest = first.startsWith('aftershock: ') ? first.slice('aftershock: '.length) : null;
    if (rest === null) problems.push('the line does not start with "aftershock: "');
    else if (!given.some((g) => rest.startsWith(`${g}:`) || rest.startsWith(`${g} `))) problems.push('the line does not start with the name of a file the case gave');
    if (added.length) problems.push(`wrote ${added.join(', ')}`);
  } else if (r.code === 0) {
    if (c.mustFail) problems.push('accepted (exit 0) an input that must be refused');
    const notWarnings = lines.filter((l) => !l.startsWith('aftershock: warning: '));
    if (notWarnings.length) problems.push(`stderr beyond warnings: ${notWarnings[0]}`);
    const outside = added.filter((p) => !(c.command === 'run' && (p === 'out' || p.startsWith('out/'))));
    if (outside.length) problems.push(`wrote outside --out: ${outside.join(', ')}`);
  } else {
    problems.push(`exit ${r.code}`);
  }
  if (!keep) rmSync(dir, { recursive: true, force: true });
  return {
    index: c.index,
    code: r.code,
    outcome: problems.length ? 'failure' : r.code === 0 ? 'accepted' : 'rejected',
    problems,
    seconds: r.seconds,
    args,
    firstLine: lines.find((l) => !l.startsWith('aftershock: warning: ')) ?? lines[0] ?? '',
  };
}
