import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AxeResults, Result as AxeViolation } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../support/cli.js';
import { STAFF, type E2eRole } from './accounts.js';
import type { RunningApp } from './app.js';
import { chromiumPath } from './env.js';

/** Debian's Chromium driven by playwright-core: one browser per test file, a fresh context per test. */

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'e2e');
export const VIEWPORT = { width: 1280, height: 800 } as const;

export function launchBrowser(): Promise<Browser> {
  // --no-sandbox: Chromium's sandbox cannot start as root (CI containers) and the tests only visit 127.0.0.1.
  return chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'], headless: true });
}

export interface PageOptions extends Pick<BrowserContextOptions, 'viewport' | 'bypassCSP' | 'reducedMotion'> {
  /** Default nb-NO: the archive is Norwegian first. */
  readonly locale?: string;
}

/** What went wrong inside the page while the test ran: uncaught errors and console errors. */
export interface PageSession {
  readonly context: BrowserContext;
  readonly pageErrors: string[];
  readonly consoleErrors: string[];
}

export interface OpenPage extends PageSession {
  readonly page: Page;
  close(): Promise<void>;
}

/** A page in a fresh context (its own cookies and storage) whose base URL is the app; the page's errors are collected. */
export async function openPage(browser: Browser, app: Pick<RunningApp, 'baseUrl'>, options: PageOptions = {}): Promise<OpenPage> {
  const context = await browser.newContext({
    baseURL: app.baseUrl,
    locale: options.locale ?? 'nb-NO',
    viewport: options.viewport ?? VIEWPORT,
    bypassCSP: options.bypassCSP ?? false,
    reducedMotion: options.reducedMotion ?? 'reduce',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  return { page, context, pageErrors, consoleErrors, close: () => context.close() };
}

/** Saves a full-page screenshot to test-results/e2e/<name>.png when `fn` throws, then rethrows. */
export async function withScreenshotOnFailure<T>(page: Page, name: string, fn: () => Promise<T>, session?: PageSession): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const file = path.join(SCREENSHOT_DIR, `${slug(name)}.png`);
    try {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: file, fullPage: true, timeout: 10_000 });
      console.error(`[e2e] failed at ${page.url()}; screenshot: ${path.relative(REPO_ROOT, file)}`);
    } catch (screenshotError) {
      console.error(`[e2e] could not save a screenshot for "${name}": ${String(screenshotError)}`);
    }
    if (session && (session.pageErrors.length > 0 || session.consoleErrors.length > 0)) {
      console.error(`[e2e] page errors: ${JSON.stringify(session.pageErrors)}; console errors: ${JSON.stringify(session.consoleErrors)}`);
    }
    throw error;
  }
}

export function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 120) || 'e2e'
  );
}

// --- Staff sign-in ------------------------------------------------------------------------------

export interface SignInOptions {
  /**
   * `api` (default): POST /api/session from the page's context, so the cookie lands in the
   * browser; for tests whose subject is not signing in. `ui`: through /staff/sign-in, by labels.
   */
  readonly via?: 'api' | 'ui';
}

export async function signIn(page: Page, role: E2eRole, options: SignInOptions = {}): Promise<void> {
  const account = STAFF[role];
  if ((options.via ?? 'api') === 'api') {
    const res = await page.request.post('/api/session', { data: { email: account.email, password: account.password } });
    if (res.status() !== 200) throw new Error(`sign-in as ${role} (${account.email}) over the API: HTTP ${res.status()} ${await res.text()}`);
    return;
  }
  await page.goto('/staff/sign-in');
  await page.getByLabel(/e-post|e-mail/i).fill(account.email);
  await page.getByLabel(/passord|password/i).fill(account.password);
  await Promise.all([
    page.waitForResponse((res) => new URL(res.url()).pathname === '/api/session' && res.request().method() === 'POST'),
    page.getByRole('button', { name: /logg inn|sign in/i }).click(),
  ]).then(async ([res]) => {
    if (res.status() !== 200) throw new Error(`sign-in as ${role} through the UI: HTTP ${res.status()}`);
  });
  await page.waitForURL((url) => url.pathname !== '/staff/sign-in');
}

// --- Accessibility (axe-core in the page) -------------------------------------------------------

/** The few browser globals the harness touches (the root tsconfig has no DOM lib: it is Node code). Functions passed to page.evaluate run in the page. */
export interface PageGlobals {
  readonly document: unknown;
  readonly innerWidth: number;
  readonly innerHeight: number;
  readonly axe?: { run(context: unknown, options: object): Promise<AxeResults> };
}

const AXE_SOURCE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | undefined;

export interface A11yViolation {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly helpUrl: string;
  readonly targets: string[];
}

/**
 * Runs axe-core in the page and returns its serious and critical violations. The script is
 * evaluated through the DevTools protocol rather than added as a <script> tag: the app's
 * Content-Security-Policy (script-src 'self') rightly refuses an injected inline script, and
 * bypassing CSP for every test would hide what the real policy breaks.
 */
export async function runAxe(page: Page): Promise<A11yViolation[]> {
  const injected = await page.evaluate(() => typeof (globalThis as unknown as PageGlobals).axe !== 'undefined');
  if (!injected) {
    axeSource ??= fs.readFileSync(AXE_SOURCE_PATH, 'utf8');
    await page.evaluate(axeSource);
  }
  const results = await page.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    return page.axe!.run(page.document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((v: AxeViolation) => v.impact === 'serious' || v.impact === 'critical')
    .map((v: AxeViolation) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map((node) => node.target.map(String).join(' ')),
    }));
}

export function formatViolations(violations: readonly A11yViolation[]): string {
  return violations.map((v) => `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n    ${v.targets.join('\n    ')}`).join('\n');
}

// --- Small waits the tests share ----------------------------------------------------------------

/** Whether the element's box (the first match of a selector or locator) is at least partly inside the viewport. */
export async function isInViewport(page: Page, target: string | Locator): Promise<boolean> {
  const locator = typeof target === 'string' ? page.locator(target) : target;
  return locator.first().evaluate((element) => {
    const box = element.getBoundingClientRect();
    const page = globalThis as unknown as PageGlobals;
    return box.bottom > 0 && box.right > 0 && box.top < page.innerHeight && box.left < page.innerWidth && box.height > 0;
  });
}
