/**
 * Errors that the command line turns into exit codes. `InputError` is bad input from the user
 * (a scenario, a CSV, a flag): one line naming the file, the field and what was expected, and
 * exit code 2. Anything else that escapes is a failure while running: exit code 1.
 */
export class InputError extends Error {
  constructor(
    message: string,
    /** The file the bad input came from, when there is one. */
    readonly file?: string,
    /** 1-based line in that file, where known. */
    readonly line?: number,
    /** Dotted/bracketed path of the offending field, e.g. `protocols[0].reserves[1].liquidationThreshold`. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }

  /** The single line shown to the user: `file:line field: message`. */
  oneLine(): string {
    const where = this.file ? `${this.file}${this.line ? `:${this.line}` : ''}` : '';
    const head = [where, this.field].filter(Boolean).join(' ');
    return (head ? `${head}: ` : '') + this.message.replace(/\s*\n\s*/g, '; ');
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;
