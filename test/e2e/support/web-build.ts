import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../support/cli.js';
import { childEnv } from './env.js';

/**
 * The app serves web/dist; the tests must drive the UI as the sources say it is. The build runs
 * when web/dist is missing or older than any web source, under a lock, because two test files
 * (two vitest workers) may start their apps at the same moment.
 */

const WEB = path.join(REPO_ROOT, 'web');
const BUILT_INDEX = path.join(WEB, 'dist', 'index.html');
const SOURCES = ['src', 'index.html', 'vite.config.ts', 'tsconfig.json', 'public'].map((p) => path.join(WEB, p));
const LOCK = path.join(os.tmpdir(), `levd-e2e-web-build-${Buffer.from(REPO_ROOT).toString('base64url').slice(-24)}.lock`);

export async function ensureWebBuild(): Promise<void> {
  if (!needsBuild()) return;
  await withLock(async () => {
    // Another worker may have built it while this one waited.
    if (needsBuild()) await buildWeb();
  });
}

/** Whether web/dist is missing or older than the newest source file. */
export function needsBuild(): boolean {
  if (!fs.existsSync(BUILT_INDEX)) return true;
  const built = fs.statSync(BUILT_INDEX).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > built);
}

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function buildWeb(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build:web'], { cwd: REPO_ROOT, env: childEnv({}), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && fs.existsSync(BUILT_INDEX)) resolve();
      else reject(new Error(`\`npm run build:web\` failed (exit ${code}); the E2E tests need web/dist:\n${output}`));
    });
  });
}

/** A lock file holding its owner's pid; a lock whose owner is gone is taken over. */
async function withLock(fn: () => Promise<void>, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!ownerAlive()) {
        fs.rmSync(LOCK, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for another process's web build (lock ${LOCK})`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    await fn();
  } finally {
    fs.rmSync(LOCK, { force: true });
  }
}

function ownerAlive(): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(LOCK, 'utf8').trim());
  } catch {
    return true; // released between the two calls: just try again
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
