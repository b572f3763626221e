/**
 * `npm run screenshots [-- [--out DIR] [name…]]`: starts Levd as the E2E tests do (embedded
 * default, demo corpus), and saves the README's screenshots under docs/screenshots/ (or DIR)
 * at 1280×800; names pick some of them (`search-en` or `search-en.png`).
 * To add one, add an entry to SHOTS: a file name, the language, and what to do before the shot.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../support/cli.js';
import { search } from './support/api.js';
import { startApp, type RunningApp } from './support/app.js';
import { launchBrowser, openPage, VIEWPORT } from './support/browser.js';
import { chooseLanguage } from './support/ui.js';

const DEFAULT_OUT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');
const QUERY = 'tvangsinnleggelse';

interface Shot {
  /** The file under docs/screenshots/. */
  readonly file: string;
  readonly lang: 'nb' | 'en';
  /** Brings the page to the state to capture (the language is chosen before this runs). */
  prepare(page: Page, app: RunningApp): Promise<void>;
  /** The whole scrollable page rather than the first 1280×800. */
  readonly fullPage?: boolean;
}

async function searchResults(page: Page): Promise<void> {
  await page.goto(`/?q=${encodeURIComponent(QUERY)}`);
  await page.getByRole('main').getByRole('article').first().waitFor();
  await page.locator('mark').first().waitFor();
}

const SHOTS: readonly Shot[] = [
  { file: 'search-nb.png', lang: 'nb', prepare: searchResults },
  { file: 'search-en.png', lang: 'en', prepare: searchResults },
  {
    file: 'story.png',
    lang: 'nb',
    async prepare(page, app) {
      const { results } = await search(app.baseUrl, { q: QUERY });
      const first = results[0];
      if (!first) throw new Error(`the search "${QUERY}" found nothing to show on a story page`);
      await page.goto(`/stories/${first.story.id}?passage=${first.passages[0]!.chunkId}`);
      const focus = page.getByRole('region', { name: /utdraget du kom fra/i });
      await focus.locator('mark').first().waitFor();
      // The page scrolls the passage to the middle; when it fits below the title, show the title too.
      await focus.evaluate((region) => {
        const view = globalThis as unknown as { scrollY: number; innerHeight: number; scrollTo(x: number, y: number): void };
        if (region.getBoundingClientRect().bottom + view.scrollY < view.innerHeight) view.scrollTo(0, 0);
      });
    },
  },
  { file: 'contribute-write.png', lang: 'nb', prepare: (page) => contributeUntil(page, 1) },
  { file: 'contribute-scopes.png', lang: 'nb', prepare: (page) => contributeUntil(page, 2) },
  { file: 'contribute-consent.png', lang: 'nb', prepare: (page) => contributeUntil(page, 4) },
];

/** Walks the contribute flow (nothing is sent) to the given step: 1 write, 2 uses, 3 display, 4 consent. */
async function contributeUntil(page: Page, step: 1 | 2 | 3 | 4): Promise<void> {
  await page.goto('/contribute');
  await page.getByLabel('Tittel').fill('Da jeg fant roen igjen');
  await page.getByLabel('Historien din').fill('Det første året etter utskrivelsen var tungt. Det som hjalp, var en erfaringskonsulent som hadde gått den samme veien.');
  if (step === 1) return;
  await page.getByRole('button', { name: 'Neste' }).click();
  await page.getByRole('radio', { name: 'Nei' }).first().waitFor();
  if (step === 2) return;
  const groups = page.getByRole('group');
  for (let i = 0; i < (await groups.count()); i++) {
    const yes = groups.nth(i).getByRole('radio', { name: 'Ja' });
    if ((await yes.count()) > 0) await yes.first().check();
  }
  await page.getByRole('button', { name: 'Neste' }).click();
  await page.getByRole('radio', { name: 'Anonymt' }).check();
  if (step === 3) return;
  await page.getByRole('button', { name: 'Neste' }).click();
  await page.getByRole('region', { name: /^Samtykketeksten, versjon/ }).getByRole('heading').first().waitFor();
}

async function main(argv: readonly string[]): Promise<number> {
  const args = [...argv];
  let outDir = DEFAULT_OUT_DIR;
  const outAt = args.indexOf('--out');
  if (outAt >= 0) {
    const dir = args[outAt + 1];
    if (!dir) {
      process.stderr.write('screenshots: --out needs a folder\n');
      return 2;
    }
    outDir = path.resolve(dir);
    args.splice(outAt, 2);
  }
  const wanted = new Set(args);
  const unknown = [...wanted].filter((name) => !SHOTS.some((s) => s.file === name || s.file === `${name}.png`));
  if (unknown.length > 0) {
    process.stderr.write(`screenshots: no shot named ${unknown.join(', ')}; known: ${SHOTS.map((s) => s.file).join(', ')}\n`);
    return 2;
  }
  const shots = wanted.size === 0 ? SHOTS : SHOTS.filter((s) => wanted.has(s.file) || wanted.has(s.file.replace(/\.png$/, '')));

  process.stdout.write('Starting Levd with the demo corpus (the first start indexes it)…\n');
  const app = await startApp();
  const browser = await launchBrowser();
  const failed: string[] = [];
  try {
    fs.mkdirSync(outDir, { recursive: true });
    for (const shot of shots) {
      const opened = await openPage(browser, app, { locale: shot.lang === 'nb' ? 'nb-NO' : 'en-GB', viewport: VIEWPORT });
      try {
        await opened.page.goto('/');
        if (shot.lang !== 'nb') await chooseLanguage(opened.page, shot.lang);
        await shot.prepare(opened.page, app);
        // Let fonts and the last layout settle: a screenshot of a half-rendered page is no use.
        await opened.page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready);
        const file = path.join(outDir, shot.file);
        await opened.page.screenshot({ path: file, fullPage: shot.fullPage ?? false });
        process.stdout.write(`  saved ${path.relative(process.cwd(), file)}\n`);
      } catch (error) {
        failed.push(shot.file);
        process.stderr.write(`  ${shot.file} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      } finally {
        await opened.close();
      }
    }
  } finally {
    await browser.close();
    await app.stop();
  }
  if (failed.length > 0) {
    process.stderr.write(`screenshots: ${failed.length} of ${shots.length} failed: ${failed.join(', ')}\n`);
    return 1;
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
