import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, slug, withScreenshotOnFailure } from './support/browser.js';
import { E2E_ROLES, STAFF, runAxe, signIn, useApp, useBrowser, withPage } from './support/harness.js';

/**
 * The harness itself, on the running app: that what the page tests lean on works (the staff
 * accounts, sign-in into the browser, axe-core in the page, the screenshot on failure), so a
 * failing page test points at the page and not at the harness.
 */

const app = useApp();
const browser = useBrowser();

describe('the E2E harness', { timeout: 60_000 }, () => {
  it('serves the built web UI at / and at any client-side route (SPA fallback)', async () => {
    await withPage(browser(), app(), async (page) => {
      for (const route of ['/', '/stories/00000000-0000-4000-8000-000000000000']) {
        const res = await page.goto(route);
        expect(res?.status(), route).toBe(200);
        expect(res?.headers()['content-type'], route).toMatch(/text\/html/);
        await page.locator('#app > *').first().waitFor();
      }
    });
  });

  it.each(E2E_ROLES)('signs %s in: the browser carries the session cookie the API recognises', async (role) => {
    await withPage(browser(), app(), async (page) => {
      await page.goto('/');
      await signIn(page, role);
      const res = await page.request.get('/api/session');
      const body = (await res.json()) as { user: { email: string; role: string } | null; csrfToken: string | null };
      expect(body.user).toMatchObject({ email: STAFF[role].email, role });
      expect(body.csrfToken).toEqual(expect.any(String));
    });
  });

  it('runs axe-core in the page, under the app\'s own Content-Security-Policy, and reports what it finds', async () => {
    await withPage(browser(), app(), async (page) => {
      await page.goto('/');
      await page.locator('#app > *').first().waitFor();
      expect(await runAxe(page)).toEqual(expect.any(Array));
      // A page with a known serious violation (an image without alt text): axe must name it.
      await page.setContent('<!doctype html><html lang="nb"><head><title>t</title></head><body><main><img src="/x.png"></main></body></html>');
      const violations = await runAxe(page);
      expect(violations.map((v) => v.id)).toContain('image-alt');
      expect(violations.find((v) => v.id === 'image-alt')!.targets).toEqual(['img']);
    });
  });

  it('saves a screenshot when a test fails, and rethrows the failure', async () => {
    const name = 'harness screenshot probe';
    const file = path.join(SCREENSHOT_DIR, `${slug(name)}.png`);
    fs.rmSync(file, { force: true });
    await withPage(browser(), app(), async (page) => {
      await page.goto('/');
      await expect(withScreenshotOnFailure(page, name, () => Promise.reject(new Error('on purpose')))).rejects.toThrow('on purpose');
    });
    expect(fs.statSync(file).size).toBeGreaterThan(1_000);
    fs.rmSync(file);
  });
});
