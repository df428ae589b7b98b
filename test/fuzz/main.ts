/**
 * The fuzzer's command line: `npm run fuzz -- --cases N [--seed S] [--only I] [--keep] [--json]`.
 *
 * Generates N cases from master seed S (test/fuzz/mutate.ts) and runs each through the CLI in
 * process (test/fuzz/runCase.ts), then prints a summary: cases, exit codes, rejected and accepted
 * counts by kind of mutation, the slowest case, and every failure with the command that reruns it
 * alone (`--seed S --only I --keep` keeps its folder for a look). Exits 1 when any case broke a
 * property.
 *
 * The cases run in a child process that reports one JSON line per case; this process watches it.
 * A case that blocks (reading a FIFO used to wait for ever, and a blocked read cannot be
 * interrupted from inside) is killed after CASE_TIMEOUT_S, counted as a hang, and the run goes on
 * with the next case in a new child.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from './corpus.js';
import { generateCase, type SpecialPaths } from './mutate.js';
import { runCase, type CaseResult } from './runCase.js';

const CASE_TIMEOUT_S = 60;

interface Options {
  cases: number;
  seed: number;
  only?: number;
  keep: boolean;
  json: boolean;
  /** Internal: run cases [from, to) here and print one JSON line each, in folder `root`. */
  worker?: { from: number; to: number; root: string };
}

function parseArgs(argv: string[]): Options {
  const o: Options = { cases: 500, seed: 1, keep: false, json: false };
  let from: number | undefined;
  let to: number | undefined;
  let root: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const int = () => {
      const v = argv[++i];
      if (!/^\d+$/.test(v ?? '')) throw new Error(`${a} takes a decimal integer, got ${JSON.stringify(v)}`);
      return Number(v);
    };
    if (a === '--cases') o.cases = int();
    else if (a === '--seed') o.seed = int();
    else if (a === '--only') o.only = int();
    else if (a === '--keep') o.keep = true;
    else if (a === '--json') o.json = true;
    else if (a === '--from') from = int();
    else if (a === '--to') to = int();
    else if (a === '--root') root = argv[++i];
    else if (a === '--worker')
      continue; // with --from, --to and --root
    else throw new Error(`unknown argument ${a} (use --cases N --seed S [--only I] [--keep] [--json])`);
  }
  if (from !== undefined && to !== undefined && root !== undefined) o.worker = { from, to, root };
  return o;
}

/** One case's line from the worker: the result and what the case was. */
interface CaseLine extends CaseResult {
  seedFile: string;
  mutation: string;
  mustFail: boolean;
  command: string;
}

export interface FuzzSummary {
  seed: number;
  cases: number;
  seconds: number;
  exitCodes: Record<string, number>;
  commands: Record<string, number>;
  /** Mutations that had to be refused, and those that might leave a valid scenario. */
  mustFail: number;
  mayFail: number;
  /** Exit 2 with every property holding; exit 0 (a mutation that left a valid scenario). */
  rejected: number;
  accepted: number;
  hangs: number;
  /** Rejected / accepted / failures per kind of mutation. */
  byMutation: Record<string, { rejected: number; accepted: number; failures: number }>;
  slowest: { case: number; seconds: number; mutation: string };
  failures: { case: number; reproduce: string; seedFile: string; mutation: string; args: string[]; problems: string[]; firstLine: string }[];
}

function specialPaths(root: string): SpecialPaths {
  return { fifo: join(root, 'special', 'pipe'), folder: join(root, 'special', 'folder'), devZero: '/dev/zero', missing: join(root, 'special', 'missing-file') };
}

/** Worker side: run the cases and print one JSON line per case on stdout. */
async function work(o: Options & { worker: NonNullable<Options['worker']> }): Promise<void> {
  const corpus = loadCorpus();
  const special = specialPaths(o.worker.root);
  for (let i = o.worker.from; i < o.worker.to; i++) {
    const c = generateCase(o.seed, i, corpus, special);
    let r: CaseResult;
    try {
      r = await runCase(c, o.worker.root, special, o.keep);
    } catch (err) {
      // the harness itself failed, not the CLI: still this case's failure
      r = { index: i, code: -1, outcome: 'failure', problems: [`harness: ${String(err)}`], seconds: 0, args: [], firstLine: '' };
    }
    const line: CaseLine = { ...r, seedFile: c.seed, mutation: c.mutation, mustFail: c.mustFail, command: c.command };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

/** Runs cases [from, to) in a child; resolves with the lines it printed and whether it hung. */
function runChild(o: Options, root: string, from: number, to: number, onLine: (l: CaseLine) => void): Promise<{ next: number; hung: boolean; lines: number }> {
  return new Promise((done, fail) => {
    const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', '--seed', String(o.seed), '--from', String(from), '--to', String(to), '--root', root];
    if (o.keep) args.push('--keep');
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let next = from;
    let hung = false;
    let lines = 0;
    let timer: NodeJS.Timeout;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        hung = true;
        child.kill('SIGKILL');
      }, CASE_TIMEOUT_S * 1000);
    };
    arm();
    createInterface({ input: child.stdout }).on('line', (text) => {
      const l = JSON.parse(text) as CaseLine;
      next = l.index + 1;
      lines++;
      onLine(l);
      arm();
    });
    child.on('error', fail);
    child.on('close', () => {
      clearTimeout(timer);
      done({ next, hung, lines });
    });
  });
}

export async function fuzz(o: Options, log: (line: string) => void = () => {}): Promise<FuzzSummary> {
  const root = mkdtempSync(join(tmpdir(), 'aftershock-fuzz-'));
  const special = specialPaths(root);
  mkdirSync(special.folder, { recursive: true });
  execFileSync('mkfifo', [special.fifo]);
  const corpus = loadCorpus();
  const started = Date.now();
  const s: FuzzSummary = {
    seed: o.seed,
    cases: 0,
    seconds: 0,
    exitCodes: {},
    commands: {},
    mustFail: 0,
    mayFail: 0,
    rejected: 0,
    accepted: 0,
    hangs: 0,
    byMutation: {},
    slowest: { case: -1, seconds: 0, mutation: '' },
    failures: [],
  };
  const reproduce = (i: number) => `npm run fuzz -- --seed ${o.seed} --only ${i} --keep`;
  const kindOf = (mutation: string) => mutation.split(': ')[0]; // mutations read "kind: detail"
  const record = (l: CaseLine) => {
    s.cases++;
    s.exitCodes[l.code] = (s.exitCodes[l.code] ?? 0) + 1;
    s.commands[l.command] = (s.commands[l.command] ?? 0) + 1;
    if (l.mustFail) s.mustFail++;
    else s.mayFail++;
    const k = (s.byMutation[kindOf(l.mutation)] ??= { rejected: 0, accepted: 0, failures: 0 });
    if (l.outcome === 'accepted') s.accepted++, k.accepted++;
    else if (l.outcome === 'rejected') s.rejected++, k.rejected++;
    else {
      k.failures++;
      s.failures.push({ case: l.index, reproduce: reproduce(l.index), seedFile: l.seedFile, mutation: l.mutation, args: l.args, problems: l.problems, firstLine: l.firstLine });
    }
    if (l.seconds > s.slowest.seconds) s.slowest = { case: l.index, seconds: l.seconds, mutation: `${l.seedFile}: ${l.mutation}` };
    if (s.cases % 1000 === 0) log(`fuzz: ${s.cases} cases, ${s.failures.length} failures, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  };
  try {
    const [from, to] = o.only !== undefined ? [o.only, o.only + 1] : [0, o.cases];
    let next = from;
    while (next < to) {
      const r = await runChild(o, root, next, to, record);
      if (r.next >= to) break;
      if (!r.hung && next === from && r.lines === 0) throw new Error(`the fuzz worker process exited before its first case (${next}); run it alone to see why`);
      // the child stopped before the end: the case it was on hung, or took the process down
      const c = generateCase(o.seed, r.next, corpus, special);
      record({
        index: r.next,
        code: -1,
        outcome: 'failure',
        problems: [r.hung ? `no result within ${CASE_TIMEOUT_S} s (a hang)` : 'the process running the case died'],
        seconds: r.hung ? CASE_TIMEOUT_S : 0,
        args: [c.command, c.scenarioAt ?? c.seed],
        firstLine: '',
        seedFile: c.seed,
        mutation: c.mutation,
        mustFail: c.mustFail,
        command: c.command,
      });
      if (r.hung) s.hangs++;
      next = r.next + 1;
    }
  } finally {
    if (!o.keep) rmSync(root, { recursive: true, force: true });
    else log(`fuzz: case folders kept in ${root}`);
  }
  s.seconds = (Date.now() - started) / 1000;
  return s;
}

export function report(s: FuzzSummary): string {
  const lines = [
    `fuzz: seed ${s.seed}, ${s.cases} cases in ${s.seconds.toFixed(1)} s (${((1000 * s.seconds) / Math.max(1, s.cases)).toFixed(1)} ms a case)`,
    `  exit codes: ${Object.entries(s.exitCodes)
      .map(([c, n]) => `${c}: ${n}`)
      .join(', ')}`,
    `  commands: ${Object.entries(s.commands)
      .map(([c, n]) => `${c} ${n}`)
      .join(', ')}`,
    `  mutations that must be refused: ${s.mustFail}; that may leave a valid scenario: ${s.mayFail}`,
    `  rejected (exit 2): ${s.rejected}; accepted as valid (exit 0): ${s.accepted}; hangs: ${s.hangs}; failures: ${s.failures.length}`,
    `  slowest: case ${s.slowest.case}, ${s.slowest.seconds.toFixed(2)} s (${s.slowest.mutation})`,
    '  by mutation (rejected / accepted / failures):',
    ...Object.entries(s.byMutation)
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([k, v]) => `    ${k}: ${v.rejected} / ${v.accepted} / ${v.failures}`),
  ];
  for (const f of s.failures.slice(0, 50)) lines.push(`  FAIL case ${f.case} (${f.seedFile}: ${f.mutation}): ${f.problems.join('; ')}\n    ${f.firstLine}\n    reproduce: ${f.reproduce}`);
  if (s.failures.length > 50) lines.push(`  … and ${s.failures.length - 50} more failures (--json lists them all)`);
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let o: Options;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`fuzz: ${(err as Error).message}\n`);
    process.exit(2);
  }
  if (o.worker) await work(o as Options & { worker: NonNullable<Options['worker']> });
  else {
    const summary = await fuzz(o, (l) => process.stderr.write(`${l}\n`));
    process.stdout.write(o.json ? `${JSON.stringify(summary)}\n` : report(summary));
    process.exitCode = summary.failures.length ? 1 : 0;
  }
}
