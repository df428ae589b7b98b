/**
 * Every example in README.md is executed or checked here, so the README cannot drift from the
 * tool (issue 16, item 8). Each fenced block carries a marker on the line above it:
 *   `<!-- readme-test: scenario-fragment BASE -->`  YAML whose top-level keys replace BASE's: loaded as a scenario
 *   `<!-- readme-test: appetite FILE -->`          a risk appetite: loaded, and equal to FILE's
 *   `<!-- readme-test: commands — why -->`          shell lines: each aftershock command exists, every flag is
 *                                                   one of its options, and every input file it names exists
 *   `<!-- readme-test: synopsis — why -->`          the command list: each command and flag it names exists
 *   `<!-- readme-test: output — why -->`            `$ aftershock …` and what it prints: run, and its stdout must be the rest of the block
 *   `<!-- readme-test: skip — why -->`              not runnable here (output samples, Redis on other machines)
 * A block without a marker fails the test, so a new example must say how it is checked. Inline
 * `--set …` examples are loaded against the demo scenario.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import type { Command } from 'commander';
import { buildProgram } from '../src/cli/program.js';
import { loadScenario, parseScenario } from '../src/scenario/load.js';
import { loadAppetite } from '../src/report/recommend/appetite.js';
import { cliInProcess } from './cli/spawnCli.js';

interface Block {
  line: number;
  lang: string;
  marker: string;
  body: string;
}

const README = readFileSync('README.md', 'utf8').split('\n');

function blocks(): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < README.length; i++) {
    const open = /^```(\w*)\s*$/.exec(README[i]);
    if (!open) continue;
    const end = README.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    assert.ok(end > i, `README.md:${i + 1}: unclosed fence`);
    const m = /^<!-- readme-test: (.*) -->$/.exec(README[i - 1] ?? '');
    out.push({ line: i + 1, lang: open[1], marker: m ? m[1].trim() : '', body: README.slice(i + 1, end).join('\n') });
    i = end;
  }
  return out;
}

const program = buildProgram();
const commandNamed = (name: string): Command | undefined => program.commands.find((c) => c.name() === name);
const longFlags = (cmd: Command) => new Set(['--help', ...cmd.options.map((o) => o.long).filter((l): l is string => !!l)]);

/** Shell lines with their continuations joined and comments dropped, tokenised with quotes honoured. */
function commandLines(body: string): string[][] {
  const joined = body.replace(/\\\n\s*/g, ' ');
  const out: string[][] = [];
  for (const raw of joined.split('\n')) {
    const tokens: string[] = [];
    const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(raw))) {
      if (m[3]?.startsWith('#')) break;
      tokens.push(m[1] ?? m[2] ?? m[3]);
    }
    // `aftershock …`, `npx aftershock …`, `npm run aftershock -- …`
    const at = tokens.indexOf('aftershock');
    if (at < 0) continue;
    const rest = tokens.slice(at + 1);
    out.push(rest[0] === '--' ? rest.slice(1) : rest);
  }
  return out;
}

/** Options that name a file the command reads (outputs such as --out and --save are not checked). */
const INPUT_FLAGS = new Set(['--data', '--appetite', '--venues', '--account']);

/** The command named by the leading words (`backtest var`), and how many words named it. */
function resolveCommand(args: string[]): [Command | undefined, number] {
  let cmd = commandNamed(args[0]);
  let used = 1;
  while (cmd && cmd.commands.length > 0 && cmd.commands.some((c) => c.name() === args[used])) cmd = cmd.commands.find((c) => c.name() === args[used++]);
  return [cmd, used];
}

function checkCommand(args: string[], where: string): void {
  const [cmd, used] = resolveCommand(args);
  assert.ok(cmd, `${where}: no command "${args[0]}"`);
  const flags = longFlags(cmd!);
  for (let i = used; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const flag = a.split('=')[0];
      assert.ok(flags.has(flag), `${where}: ${args[0]} has no option ${flag}`);
      if (INPUT_FLAGS.has(flag)) assert.ok(existsSync(args[i + 1]), `${where}: ${flag} ${args[i + 1]} does not exist`);
    } else if (/\.(ya?ml|csv)$/.test(a) && !args[i - 1]?.startsWith('--')) {
      assert.ok(existsSync(a), `${where}: ${a} does not exist`);
    }
  }
}

test('every fenced block in README.md has a marker, and each skip says why', () => {
  for (const b of blocks()) {
    assert.ok(/^(scenario-fragment|appetite|commands|synopsis|output|skip)\b/.test(b.marker), `README.md:${b.line}: a fenced block without a readme-test marker`);
    if (/^(skip|commands|synopsis|output)\b/.test(b.marker)) assert.match(b.marker, /^\w+ — \S/, `README.md:${b.line}: say why`);
  }
});

test('scenario fragments load as scenarios; the appetite example loads and is the shipped file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aftershock-readme-'));
  let checked = 0;
  try {
    for (const b of blocks()) {
      const [kind, file] = b.marker.split(/\s+/);
      if (kind === 'scenario-fragment') {
        const base = parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>;
        const merged = { ...base, ...(parseYaml(b.body) as Record<string, unknown>) };
        // written beside the base, so that relative paths inside it resolve as they do for it
        parseScenario(stringify(merged), file);
        checked++;
      } else if (kind === 'appetite') {
        const tmp = join(dir, 'appetite.yaml');
        writeFileSync(tmp, b.body);
        // the shipped file adds a name; everything else is the example
        const { name: _shownName, file: _shownFile, ...shown } = loadAppetite(tmp);
        const { name: _fileName, file: _shippedFile, ...shipped } = loadAppetite(file);
        assert.equal(shown, shipped, `README.md:${b.line}: differs from ${file}`);
        checked++;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(checked >= 2, `${checked} blocks checked`);
});

test('every command line in README.md names a command, its options and input files that exist', () => {
  let n = 0;
  for (const b of blocks()) {
    if (b.marker.startsWith('commands')) {
      for (const args of commandLines(b.body)) {
        checkCommand(args, `README.md:${b.line}`);
        n++;
      }
    } else if (b.marker.startsWith('synopsis')) {
      for (const line of b.body.split('\n')) {
        const m = /^aftershock (.*)$/.exec(line);
        if (!m) continue;
        const words = m[1].replace(/#.*$/, '');
        const [cmd] = resolveCommand(words.split(/\s+/));
        assert.ok(cmd, `README.md:${b.line}: no command in "${line}"`);
        const flags = longFlags(cmd!);
        for (const f of words.match(/--[a-z][a-z0-9-]*/g) ?? []) assert.ok(flags.has(f), `README.md:${b.line}: ${cmd!.name()} has no option ${f}`);
        n++;
      }
    }
  }
  assert.ok(n >= 20, `${n} command lines checked`);
});

test('output blocks: each command runs and prints exactly what the README shows', async () => {
  let n = 0;
  for (const b of blocks()) {
    if (!b.marker.startsWith('output')) continue;
    const [first, ...rest] = b.body.split('\n');
    assert.ok(first.startsWith('$ aftershock '), `README.md:${b.line}: an output block opens with "$ aftershock …"`);
    const [args] = commandLines(first.slice(2));
    checkCommand(args, `README.md:${b.line}`);
    const r = await cliInProcess(args);
    assert.is(r.code, 0, `README.md:${b.line}: ${r.stderr}`);
    assert.fixture(r.stdout, `${rest.join('\n')}\n`, `README.md:${b.line}: the output differs`);
    n++;
  }
  assert.ok(n >= 4, `${n} output blocks run`);
});

test('inline --set examples load against a shipped scenario', () => {
  const text = README.join('\n');
  const sets = [...text.matchAll(/`--set '?([^`']+)'?`/g)].map((m) => m[1]);
  assert.ok(sets.length >= 3, `${sets.length} found`);
  const shipped = readdirSync('scenarios')
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `scenarios/${f}`);
  for (const s of sets) {
    const loads = shipped.filter((file) => {
      try {
        loadScenario(file, [s]);
        return true;
      } catch {
        return false;
      }
    });
    assert.ok(loads.length > 0, `--set ${s} loads against no shipped scenario`);
  }
});

test.run();
