import fs from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../services/platform/errors.js';

/**
 * PGlite is one process's database: a second process opening the same folder would
 * corrupt it. A lock file holding the owner's pid keeps it to one; a lock left by a
 * process that no longer runs (a crash, kill -9) is taken over.
 */
export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dir: string): DataDirLock {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, 'levd.lock');
  for (let tries = 0; tries < 2; tries++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return { release: () => releaseIfOurs(lockPath) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new UserFacingError(`Cannot lock the embedded database folder ${dir}: ${(error as Error).message}`);
      }
      const owner = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (isRunning(owner)) {
        const who = owner === process.pid ? 'this process already' : `another Levd process (pid ${owner})`;
        throw new UserFacingError(
          `The embedded database in ${dir} is in use: ${who} has it open. ` +
            'Stop that process first, or point DATA_DIR at another folder.',
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new UserFacingError(`Cannot lock the embedded database folder ${dir}: another process keeps taking the lock`);
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseIfOurs(lockPath: string): void {
  try {
    if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.rmSync(lockPath, { force: true });
  } catch {
    // Already gone.
  }
}
