import * as fs from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { checkOutputFolder, type OwnedFolder } from './outputFolder.js';

/** The file-system calls the writers use, so that tests can inject a full disk. */
export type WriteIo = Pick<typeof fs, 'mkdirSync' | 'writeFileSync' | 'renameSync' | 'rmSync' | 'existsSync'>;

/**
 * Writes a file so that readers see the old content or the new, never half of it:
 * write to a temporary sibling, then rename (atomic within one filesystem on POSIX). The
 * temporary file is removed if writing it fails.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, io: WriteIo = fs): void {
  io.mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    io.writeFileSync(tmp, data);
    io.renameSync(tmp, path);
  } catch (err) {
    io.rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Writes a whole folder atomically: every file goes into a fresh temporary sibling folder, which
 * then takes `dir`'s place by rename, so a run that fails part-way leaves no half-written folder
 * and no temporary one. An existing `dir` is replaced only if it is a folder of `kind` that holds
 * nothing but what the tool wrote (checked again here, just before replacing it).
 */
export function writeFolderAtomic(dir: string, files: Record<string, string | Uint8Array>, kind: OwnedFolder, io: WriteIo = fs): void {
  checkOutputFolder(dir, kind, 'output folder');
  const parent = dirname(dir);
  io.mkdirSync(parent, { recursive: true });
  // a fresh name, created without `recursive` so that it fails rather than reuse one; unlike
  // mkdtemp (0700) it gets the user's usual permissions, which the results folder keeps
  const tmp = join(parent, `.${basename(dir)}.${process.pid}.${randomBytes(6).toString('hex')}`);
  io.mkdirSync(tmp);
  let old: string | undefined;
  try {
    for (const [name, data] of Object.entries(files)) {
      const p = join(tmp, name);
      io.mkdirSync(dirname(p), { recursive: true });
      io.writeFileSync(p, data);
    }
    if (io.existsSync(dir)) {
      old = `${tmp}.old`;
      io.renameSync(dir, old);
    }
    io.renameSync(tmp, dir);
  } catch (err) {
    // put the earlier folder back if it was moved aside, and leave nothing of this attempt
    if (old && io.existsSync(old) && !io.existsSync(dir)) io.renameSync(old, dir);
    io.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  if (old) io.rmSync(old, { recursive: true, force: true });
}
