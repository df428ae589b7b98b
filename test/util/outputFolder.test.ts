/**
 * What the writers may replace, the folder lock, and a full disk. References: the rule itself
 * (only folders whose marker is Aftershock's and that hold only the files it lists), and the file
 * system as `ls` would show it before and after.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkOutputFolder, RESULTS_FOLDER } from '../../src/util/outputFolder.js';
import { writeFolderAtomic, type WriteIo } from '../../src/util/atomicWrite.js';
import { FolderLock, lockPath } from '../../src/util/folderLock.js';
import { InputError } from '../../src/util/errors.js';

const tmp = mkdtempSync(join(tmpdir(), 'aftershock-out-'));
const manifest = (files: string[]) => JSON.stringify({ aftershock: { version: 'x' }, files });
const refused = (fn: () => unknown, pattern: RegExp) => assert.throws(fn, (e: unknown) => e instanceof InputError && pattern.test(e.oneLine()));

test('the current folder, a folder above it, the root and an empty path are refused', () => {
  const cwd = join(tmp, 'work', 'here');
  mkdirSync(cwd, { recursive: true });
  refused(() => checkOutputFolder('.', RESULTS_FOLDER, '--out', cwd), /^--out: "\." is the current folder/);
  refused(() => checkOutputFolder('..', RESULTS_FOLDER, '--out', cwd), /holds the current folder/);
  refused(() => checkOutputFolder('/', RESULTS_FOLDER, '--out', cwd), /holds the current folder/);
  refused(() => checkOutputFolder('', RESULTS_FOLDER, '--out', cwd), /^--out: expected a folder path, got ""$/);
  refused(() => checkOutputFolder('  ', RESULTS_FOLDER, '--out', cwd), /expected a folder path/);
});

test('a file, a link and a folder of someone else are refused; a new, an empty or an earlier results folder is accepted', () => {
  const file = join(tmp, 'notes.txt');
  writeFileSync(file, 'mine');
  refused(() => checkOutputFolder(file, RESULTS_FOLDER, '--out'), /exists and is not a folder/);
  const project = join(tmp, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'main.c'), 'int main;');
  refused(() => checkOutputFolder(project, RESULTS_FOLDER, '--out'), /is not an Aftershock results folder \(no manifest\.json/);
  const link = join(tmp, 'link');
  symlinkSync(project, link);
  refused(() => checkOutputFolder(link, RESULTS_FOLDER, '--out'), /is a link/);
  // a manifest that is not ours (another tool's manifest.json)
  const other = join(tmp, 'other');
  mkdirSync(other);
  writeFileSync(join(other, 'manifest.json'), '{"name":"webapp","files":["a"]}');
  refused(() => checkOutputFolder(other, RESULTS_FOLDER, '--out'), /not an Aftershock results folder/);
  // ours, but the user added a file: it would be lost
  const earlier = join(tmp, 'earlier');
  mkdirSync(join(earlier, 'sub'), { recursive: true });
  writeFileSync(join(earlier, 'manifest.json'), manifest(['summary.json', 'sub/x.csv']));
  writeFileSync(join(earlier, 'summary.json'), '{}');
  writeFileSync(join(earlier, 'sub', 'x.csv'), '');
  assert.is(checkOutputFolder(earlier, RESULTS_FOLDER, '--out'), earlier);
  writeFileSync(join(earlier, 'my-notes.md'), 'analysis');
  refused(() => checkOutputFolder(earlier, RESULTS_FOLDER, '--out'), /holds files Aftershock did not write \(my-notes\.md\)/);
  const empty = join(tmp, 'empty');
  mkdirSync(empty);
  assert.is(checkOutputFolder(empty, RESULTS_FOLDER, '--out'), empty);
  assert.is(checkOutputFolder(join(tmp, 'new', 'deeper'), RESULTS_FOLDER, '--out'), join(tmp, 'new', 'deeper'));
});

test('writeFolderAtomic replaces an earlier results folder whole, and refuses a foreign one untouched', () => {
  const dir = join(tmp, 'res');
  writeFolderAtomic(dir, { 'a.txt': '1', 'manifest.json': manifest(['a.txt']) }, RESULTS_FOLDER);
  writeFolderAtomic(dir, { 'b.txt': '2', 'manifest.json': manifest(['b.txt']) }, RESULTS_FOLDER);
  assert.equal(readdirSync(dir).sort(), ['b.txt', 'manifest.json']);
  const foreign = join(tmp, 'foreign');
  mkdirSync(foreign);
  writeFileSync(join(foreign, 'thesis.tex'), 'years of work');
  refused(() => writeFolderAtomic(foreign, { 'manifest.json': manifest([]) }, RESULTS_FOLDER), /not an Aftershock results folder/);
  assert.is(readFileSync(join(foreign, 'thesis.tex'), 'utf8'), 'years of work');
  assert.equal(
    readdirSync(tmp).filter((n) => n.startsWith('.')),
    [],
    'no temporary folder left',
  );
});

test('a full disk part-way through leaves the earlier folder as it was and no temporary folder', () => {
  const dir = join(tmp, 'disk');
  writeFolderAtomic(dir, { 'old.txt': 'old', 'manifest.json': manifest(['old.txt']) }, RESULTS_FOLDER);
  let writes = 0;
  const full: WriteIo = {
    ...fs,
    writeFileSync: ((...args: Parameters<typeof fs.writeFileSync>) => {
      if (++writes === 2) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return fs.writeFileSync(...args);
    }) as typeof fs.writeFileSync,
  };
  assert.throws(() => writeFolderAtomic(dir, { 'new1.txt': 'a', 'new2.txt': 'b', 'manifest.json': manifest(['new1.txt', 'new2.txt']) }, RESULTS_FOLDER, full), /ENOSPC/);
  assert.equal(readdirSync(dir).sort(), ['manifest.json', 'old.txt']);
  assert.equal(
    readdirSync(tmp).filter((n) => n.startsWith('.disk')),
    [],
  );
  // the disk fills while the folders are swapped: the earlier folder is put back
  let renames = 0;
  const failingSwap: WriteIo = {
    ...fs,
    renameSync: ((from: fs.PathLike, to: fs.PathLike) => {
      if (++renames === 2) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
      return fs.renameSync(from, to);
    }) as typeof fs.renameSync,
  };
  assert.throws(() => writeFolderAtomic(dir, { 'n.txt': 'n', 'manifest.json': manifest(['n.txt']) }, RESULTS_FOLDER, failingSwap), /EIO/);
  assert.equal(readdirSync(dir).sort(), ['manifest.json', 'old.txt']);
  assert.equal(
    readdirSync(tmp).filter((n) => n.startsWith('.disk')),
    [],
  );
});

test('the lock: one holder at a time, released once; a stale lock of a dead process is taken over', () => {
  const dir = join(tmp, 'locked');
  const a = FolderLock.acquire(dir, 'aftershock run a.yaml');
  refused(() => FolderLock.acquire(dir, 'aftershock run b.yaml'), new RegExp(`is being written by process ${process.pid} on ${hostname()} \\(aftershock run a\\.yaml\\)`));
  a.release();
  a.release();
  const b = FolderLock.acquire(dir, 'b');
  b.release();
  // a PID that is certainly not alive: above the kernel's pid_max
  writeFileSync(lockPath(dir), JSON.stringify({ pid: 2 ** 30, host: hostname(), started: 'then', command: 'killed run' }));
  const c = FolderLock.acquire(dir, 'c');
  assert.is(JSON.parse(readFileSync(lockPath(dir), 'utf8')).pid, process.pid);
  c.release();
  // another machine's lock cannot be checked: refused, with the way out
  writeFileSync(lockPath(dir), JSON.stringify({ pid: 1, host: 'elsewhere', started: 'then', command: 'x' }));
  refused(() => FolderLock.acquire(dir, 'd'), /on elsewhere .*if that run is dead, remove .*\.locked\.lock/);
  rmSync(lockPath(dir));
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
