/**
 * One writer per results folder. A run takes an exclusive lock beside its folder
 * (`.<folder>.lock`, created with O_EXCL so that of two runs exactly one gets it) for as long as
 * it writes the folder and its checkpoint; a second run on the same folder is refused with a line
 * naming the first. The lock holds the owner's PID and host. It is removed when the run ends,
 * however it ends short of a kill; a lock left by a killed run on this host (its PID no longer
 * alive) is stale and taken over. A lock from another host cannot be checked from here, so it is
 * reported with the way to clear it by hand.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hostname } from 'node:os';
import { InputError } from './errors.js';

interface LockOwner {
  pid: number;
  host: string;
  started: string;
  command: string;
}

export function lockPath(dir: string): string {
  return join(dirname(dir), `.${basename(dir)}.lock`);
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
    return Number.isInteger(o?.pid) && typeof o.host === 'string' ? o : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

export class FolderLock {
  private released = false;
  private readonly onExit = () => this.release();

  private constructor(readonly file: string) {
    process.on('exit', this.onExit);
  }

  /**
   * Takes the lock on `dir` or throws InputError naming the run that holds it. `command`
   * describes this run for the message another run would show.
   */
  static acquire(dir: string, command: string, flag = '--out'): FolderLock {
    const file = lockPath(dir);
    mkdirSync(dirname(file), { recursive: true });
    const me: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString(), command };
    for (let attempt = 0; attempt < 2; attempt++) {
      let fd: number;
      try {
        fd = openSync(file, 'wx');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const owner = readOwner(file);
        if (owner && owner.host === me.host && !alive(owner.pid) && attempt === 0) {
          // a run on this machine that was killed: its lock is stale. Remove it only if it is
          // still the same lock (another run may have taken it over meanwhile).
          if (readFileSync(file, 'utf8') === JSON.stringify(owner)) rmSync(file, { force: true });
          continue;
        }
        const who = owner ? `process ${owner.pid} on ${owner.host}${owner.command ? ` (${owner.command})` : ''}, since ${owner.started}` : 'another process';
        const hint = owner && owner.host !== me.host ? `; if that run is dead, remove ${file}` : '';
        throw new InputError(`${dir} is being written by ${who}${hint}`, undefined, undefined, flag);
      }
      try {
        writeSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
      return new FolderLock(file);
    }
    throw new InputError(`${dir} is being written by another process (its lock keeps changing)`, undefined, undefined, flag);
  }

  /** Removes the lock if it is still ours. Safe to call more than once. */
  release(): void {
    if (this.released) return;
    this.released = true;
    process.off('exit', this.onExit);
    if (readOwner(this.file)?.pid === process.pid) rmSync(this.file, { force: true });
  }
}
