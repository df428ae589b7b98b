/**
 * Test-only fault injection for worker threads: `AFTERSHOCK_FAULT_PATHS=3:crash,5:throw:always`
 * makes the worker that runs path 3 die on its first attempt (the thread exits, as a crash would)
 * and every attempt at path 5 throw. Each entry is `path:kind[:attempts]` with kind `crash` or
 * `throw` and attempts a count of failing attempts (default 1) or `always`; `cell/path` instead of
 * `path` limits it to one sweep cell. Read only inside worker threads, never by the main process,
 * so it cannot disturb an in-process run.
 */
export interface Fault {
  cell: number | null;
  path: number;
  kind: 'crash' | 'throw';
  /** Attempts 1..attempts fail. */
  attempts: number;
}

export function parseFaults(spec: string | undefined): Fault[] {
  if (!spec?.trim()) return [];
  return spec.split(',').map((entry) => {
    const m = /^\s*(?:(\d+)\/)?(\d+):(crash|throw)(?::(\d+|always))?\s*$/.exec(entry);
    if (!m) throw new Error(`AFTERSHOCK_FAULT_PATHS: cannot read ${JSON.stringify(entry)} (expected path:crash|throw[:attempts|always])`);
    return {
      cell: m[1] === undefined ? null : Number(m[1]),
      path: Number(m[2]),
      kind: m[3] as Fault['kind'],
      attempts: m[4] === undefined ? 1 : m[4] === 'always' ? Infinity : Number(m[4]),
    };
  });
}

/** The fault to inject for this (cell, path, attempt), if any. */
export function faultFor(faults: Fault[], cell: number, path: number, attempt: number): Fault | undefined {
  return faults.find((f) => f.path === path && (f.cell === null || f.cell === cell) && attempt <= f.attempts);
}
