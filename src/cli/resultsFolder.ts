/**
 * Claiming the folder a command writes its results to, before any work starts: the target must
 * be a place the tool may write (see util/outputFolder.ts), and the run takes its lock, so a
 * refusal costs the user nothing and two runs never write one folder.
 */
import { checkOutputFolder, RESULTS_FOLDER } from '../util/outputFolder.js';
import { FolderLock } from '../util/folderLock.js';

export interface ClaimedFolder {
  /** Absolute path of the results folder. */
  dir: string;
  lock: FolderLock;
}

export function claimResultsFolder(target: string, command: string, flag = '--out'): ClaimedFolder {
  const dir = checkOutputFolder(target, RESULTS_FOLDER, flag);
  const lock = FolderLock.acquire(dir, command, flag);
  try {
    // checked again under the lock: another run may have written it between the check and the lock
    checkOutputFolder(dir, RESULTS_FOLDER, flag);
  } catch (err) {
    lock.release();
    throw err;
  }
  return { dir, lock };
}
