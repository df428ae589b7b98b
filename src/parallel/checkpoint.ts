/**
 * The checkpoint of a many-path run: a JSON-lines file beside the results folder
 * (`.<folder>.checkpoint.jsonl`), one line per finished path, appended and fsync'd as each path
 * completes, so a run killed at any instant (kill -9, power loss) loses at most the paths in flight.
 *
 * Line 1 is a header naming the run (scenario hashes with their overrides, seed, path count,
 * format), and every record carries the digest of that identity: `--resume` refuses a checkpoint
 * of another run, and a record of another run inside it (as two runs on one folder once wrote). A kill can tear only the last line: on reading, a final line without
 * its newline, or one that does not parse, is dropped and the file cut back to the last whole line
 * before anything is appended. A (cell, path) seen twice counts once.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, rmSync, writeSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { InputError } from '../util/errors.js';
import { isPathRecord, type PathRecord } from './pathRecord.js';

/** What identifies a run: a checkpoint resumes only the same run. */
export interface RunIdentity {
  kind: 'run' | 'sweep' | 'attribute';
  /** SHA-256 of each cell's scenario text and overrides (one entry for a plain run). */
  cells: string[];
  seed: number;
  paths: number;
}

export interface CheckpointEntry {
  cell: number;
  record: PathRecord;
}

/** The digest every record of a run carries: the run's identity and the file format. */
export function runDigest(identity: RunIdentity): string {
  const { kind, cells, seed, paths } = identity;
  return createHash('sha256')
    .update(JSON.stringify({ format: FORMAT, kind, cells, seed, paths }))
    .digest('hex')
    .slice(0, 16);
}

const HEADER_TAG = 'aftershockCheckpoint';
/**
 * Format of the records in the file. 3: each record carries its run's digest. 2: path records carry CDP and contagion figures (format-1
 * records lack them, so a CDP scenario resumed from one would have paths without a deficit).
 */
const FORMAT = 3;

/** Whether `file` begins with a checkpoint header (any format): a file this tool wrote. An empty file counts, since a kill can leave one before the header is written. */
function isCheckpointFile(file: string): boolean {
  const bytes = readFileSync(file);
  if (bytes.length === 0) return true;
  const nl = bytes.indexOf(0x0a);
  try {
    const h = JSON.parse(bytes.toString('utf8', 0, nl < 0 ? bytes.length : nl)) as Record<string, unknown>;
    return typeof h?.[HEADER_TAG] === 'number';
  } catch {
    return false;
  }
}

export function checkpointPath(resultsDir: string): string {
  return join(dirname(resultsDir), `.${basename(resultsDir)}.checkpoint.jsonl`);
}

function sameIdentity(a: RunIdentity, b: RunIdentity): boolean {
  return a.kind === b.kind && a.seed === b.seed && a.paths === b.paths && a.cells.length === b.cells.length && a.cells.every((c, i) => c === b.cells[i]);
}

function describeIdentity(r: RunIdentity): string {
  return `${r.kind}, seed ${r.seed}, ${r.paths} paths, ${r.cells.length} cell${r.cells.length === 1 ? '' : 's'}`;
}

export const entryKey = (cell: number, path: number): string => `${cell}:${path}`;

export class Checkpoint {
  private fd: number;
  private constructor(
    readonly file: string,
    fd: number,
    /** Entries already finished when the checkpoint was opened, by `entryKey`. */
    readonly done: Map<string, CheckpointEntry>,
    private readonly run: string,
  ) {
    this.fd = fd;
  }

  /**
   * Opens the checkpoint at `file`: with `resume`, reads what an earlier run of the same identity
   * finished; without, starts it afresh.
   */
  static open(file: string, identity: RunIdentity, resume: boolean): Checkpoint {
    mkdirSync(dirname(file), { recursive: true });
    const done = new Map<string, CheckpointEntry>();
    const run = runDigest(identity);
    if (resume && existsSync(file)) {
      const bytes = readFileSync(file);
      let good = 0; // bytes of whole, valid lines
      let pos = 0;
      let lineNo = 0;
      while (pos < bytes.length) {
        const nl = bytes.indexOf(0x0a, pos);
        if (nl < 0) break; // torn last line: no newline
        const line = bytes.toString('utf8', pos, nl);
        lineNo++;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          if (nl + 1 < bytes.length) throw new InputError(`corrupt checkpoint line ${lineNo}; delete it or run without --resume`, file, lineNo);
          break; // the last line, newline and all, was torn mid-write
        }
        if (lineNo === 1) {
          const h = value as { [HEADER_TAG]?: number; run?: RunIdentity };
          if (typeof h?.[HEADER_TAG] !== 'number' || !h.run) throw new InputError('not an Aftershock checkpoint; delete it or run without --resume', file, 1);
          if (h[HEADER_TAG] !== FORMAT) {
            throw new InputError(`the checkpoint was written by another Aftershock version (format ${h[HEADER_TAG]}, this one reads ${FORMAT}); run without --resume to start over`, file, 1);
          }
          if (!sameIdentity(h.run, identity)) {
            throw new InputError(
              `the checkpoint belongs to another run (${describeIdentity(h.run)}; this is ${describeIdentity(identity)}, or the scenario changed); run without --resume to start over`,
              file,
              1,
            );
          }
        } else {
          const e = value as CheckpointEntry & { run?: unknown };
          if (e?.run !== run) {
            throw new InputError(`checkpoint line ${lineNo} was written by another run (digest ${JSON.stringify(e?.run)}, this run's is ${run}); run without --resume to start over`, file, lineNo);
          }
          if (!Number.isInteger(e.cell) || !isPathRecord(e.record) || e.cell < 0 || e.cell >= identity.cells.length || e.record.path >= identity.paths) {
            throw new InputError(`checkpoint line ${lineNo} is not a path record; delete it or run without --resume`, file, lineNo);
          }
          const key = entryKey(e.cell, e.record.path);
          if (!done.has(key)) done.set(key, e);
        }
        good = nl + 1;
        pos = nl + 1;
      }
      if (good > 0) {
        const fd = openSync(file, 'r+');
        ftruncateSync(fd, good);
        fsyncSync(fd);
        closeSync(fd);
        return new Checkpoint(file, openSync(file, 'a'), done, run);
      }
      // nothing usable (not even the header): start afresh
    }
    // starting afresh truncates the file: only one of Aftershock's own checkpoints may be replaced
    if (existsSync(file) && !isCheckpointFile(file)) {
      throw new InputError('exists and is not an Aftershock checkpoint; it will not be replaced (move it, or choose another --out)', file);
    }
    const fd = openSync(file, 'w');
    writeSync(fd, `${JSON.stringify({ [HEADER_TAG]: FORMAT, run: identity })}\n`);
    fsyncSync(fd);
    syncDir(dirname(file));
    return new Checkpoint(file, fd, done, run);
  }

  /** Appends finished paths and makes them durable before returning. */
  append(entries: CheckpointEntry[]): void {
    if (entries.length === 0) return;
    writeSync(this.fd, entries.map((e) => `${JSON.stringify({ run: this.run, cell: e.cell, record: e.record })}\n`).join(''));
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  /** Closes and deletes the checkpoint (once the results folder is written). */
  remove(): void {
    this.close();
    rmSync(this.file, { force: true });
  }
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    fsyncSync(fd);
    closeSync(fd);
  } catch {
    // some filesystems do not allow fsync on a directory; the file itself is synced
  }
}
