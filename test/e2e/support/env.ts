/* eslint-disable no-restricted-properties -- the E2E harness starts Levd and Chromium as child processes: it has to read the
   environment it was given (MODEL_DIR, CHROMIUM_PATH) and pass PATH/HOME on, exactly like test/support does. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What the end-to-end harness reads from its environment; nothing else in test/e2e touches process.env. */

/**
 * The folder holding Xenova/multilingual-e5-small. `npm test` sets MODEL_DIR (fetching the model into
 * ~/.cache/levd/models when it was unset); run alone, the harness looks in that cache too.
 */
export function modelDir(): string {
  const given = process.env.MODEL_DIR?.trim();
  if (given) return given;
  const cached = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'levd', 'models');
  if (fs.existsSync(path.join(cached, 'Xenova/multilingual-e5-small/config.json'))) return cached;
  throw new Error(
    'MODEL_DIR is not set and ~/.cache/levd/models holds no model: run the suite with `npm test` (it fetches the model), ' +
      'or set MODEL_DIR to a folder that holds Xenova/multilingual-e5-small/',
  );
}

/** Debian's Chromium (scripts/services/install.sh chromium), unless CHROMIUM_PATH names another. */
export function chromiumPath(): string {
  const candidate = process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium';
  if (!fs.existsSync(candidate)) {
    throw new Error(`no Chromium at ${candidate}: run \`bash scripts/services/install.sh chromium\` (or set CHROMIUM_PATH to a Chromium binary)`);
  }
  return candidate;
}

/** The environment a child Levd starts with: only PATH and HOME of ours, plus what the harness gives it. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}

