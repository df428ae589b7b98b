/**
 * The `aftershock` program: every command registers itself from its own file; this file wires
 * them together and maps errors to exit codes (0 ok, 1 failure while running, 2 bad input).
 * Adding a command means adding its file and one line to `commands`.
 */
import { Command, CommanderError } from 'commander';
import { packageVersion } from '../util/version.js';
import { EXIT_BAD_INPUT } from '../util/errors.js';
import { reportError } from './common.js';
import { register as run } from './run.js';
import { register as validate } from './validate.js';
import { register as schema } from './schema.js';
import { register as fit } from './fit.js';
import { register as forecast } from './forecast.js';
import { register as evaluate } from './evaluate.js';
import { register as advise } from './advise.js';
import { register as backtest } from './backtest.js';
import { register as liqprob } from './liqprob.js';
import { register as sweep } from './sweep.js';
import { register as worker } from './worker.js';
import { register as verify } from './verify.js';
import { register as report } from './report.js';
import { register as recommend } from './recommend.js';
import { register as train } from './train.js';
import { register as evalCommand } from './eval.js';
import { register as price } from './price.js';
import { register as iv } from './iv.js';
import { register as smile } from './smile.js';
import { register as margin } from './margin.js';
import { register as attribute } from './attribute.js';

export type Register = (program: Command) => void;

const commands: Register[] = [
  run,
  validate,
  schema,
  fit,
  forecast,
  backtest,
  liqprob,
  advise,
  evaluate,
  sweep,
  attribute,
  worker,
  verify,
  report,
  recommend,
  train,
  evalCommand,
  price,
  iv,
  smile,
  margin,
];

export function buildProgram(): Command {
  const program = new Command();
  const output = {
    // commander's own usage errors (unknown flag, missing argument) are bad input: one line, exit 2
    outputError: (str: string, write: (s: string) => void) => write(`aftershock: ${str.replace(/^error: /, '').trim()}\n`),
  };
  program.name('aftershock').description('Agent-based systemic-risk simulator for DeFi protocols, and the risk models that feed it').version(packageVersion()).exitOverride().configureOutput(output);
  for (const register of commands) register(program);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput(output);
  return program;
}

/** Runs the command line on `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  process.exitCode = undefined;
  // commander answers `aftershock train --help` with the program's help and exit 0, as if the
  // command existed: a script would take that for success
  const first = argv[0];
  const names = new Set(['help', ...program.commands.flatMap((c) => [c.name(), ...c.aliases()])]);
  if (first !== undefined && !first.startsWith('-') && !names.has(first)) {
    process.stderr.write(`aftershock: unknown command '${first}' (commands: ${program.commands.map((c) => c.name()).join(', ')})\n`);
    return EXIT_BAD_INPUT;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_BAD_INPUT; // --help, --version exit 0
    return reportError(err);
  }
  const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  process.exitCode = undefined;
  return code;
}
