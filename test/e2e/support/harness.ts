import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startApp, type RunningApp, type StartAppOptions } from './app.js';
import { formatViolations, launchBrowser, openPage, runAxe, withScreenshotOnFailure, type PageOptions, type PageSession } from './browser.js';

/**
 * The vitest side of the E2E harness (app.ts and browser.ts work without vitest, for the
 * screenshots script). A test file:
 *
 *   const app = useApp();          // one `levd start` per file, in beforeAll
 *   const browser = useBrowser();  // one Chromium per file
 *   it('…', () => withPage(browser(), app(), async (page) => { … }));
 */

export { STAFF, E2E_ROLES, type E2eRole } from './accounts.js';
export { isInViewport, runAxe, signIn, type A11yViolation } from './browser.js';
export { chooseLanguage } from './ui.js';

const APP_READY_TIMEOUT_MS = 300_000;

/** One app per test file, shared by its tests: `const app = useApp();` at the top, then `app()` inside tests. */
export function useApp(options: StartAppOptions = {}): () => RunningApp {
  let running: RunningApp | undefined;
  beforeAll(async () => {
    running = await startApp({ readyTimeoutMs: APP_READY_TIMEOUT_MS, ...options });
  }, (options.readyTimeoutMs ?? APP_READY_TIMEOUT_MS) + 180_000); // + the web build and `levd user add`
  afterAll(async () => {
    await running?.stop();
  }, 60_000);
  return () => {
    if (!running) throw new Error('the app is not running: call useApp() at the top of the test file (it starts the app in beforeAll)');
    return running;
  };
}

/** One Chromium per test file: `const browser = useBrowser();` at the top, then `browser()` inside tests. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  }, 30_000);
  return () => {
    if (!browser) throw new Error('the browser is not running: call useBrowser() at the top of the test file');
    return browser;
  };
}

/**
 * Runs `fn` with a page in a fresh context (its own cookies and storage, locale nb-NO,
 * 1280×800). On failure: test-results/e2e/<test name>.png and the page's own errors, then
 * the error is rethrown. The context is closed either way.
 */
export async function withPage<T>(
  browser: Browser,
  app: RunningApp,
  fn: (page: Page, session: PageSession) => Promise<T>,
  options: PageOptions & { readonly name?: string } = {},
): Promise<T> {
  const opened = await openPage(browser, app, options);
  try {
    return await withScreenshotOnFailure(opened.page, options.name ?? expect.getState().currentTestName ?? 'e2e', () => fn(opened.page, opened), opened);
  } finally {
    await opened.close();
  }
}

/** Fails naming each serious or critical axe-core violation: its rule, what it asks for, and the elements. */
export async function expectNoSeriousA11yViolations(page: Page, where = page.url()): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, `axe-core: ${violations.length} serious/critical violation(s) on ${where}:\n${formatViolations(violations)}`).toEqual([]);
}
