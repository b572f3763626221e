import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { publishAsEditor, search, submitStory, themes, untilSearchable } from './support/api.js';
import { chooseLanguage, expectNoSeriousA11yViolations, isInViewport, useApp, useBrowser, withPage } from './support/harness.js';

/**
 * Search and read, in a real Chromium against `levd start` (embedded default, demo corpus):
 * by typing and by theme, a result to its story and back, the language switch, axe-core,
 * keyboard only, and a story's own `<script>` shown as text.
 */

const app = useApp();
const browser = useBrowser();

const QUERY = 'tvangsinnleggelse';

/** The search results: one article per story, each with a link to it. */
const results = (page: Page) => page.getByRole('main').getByRole('article');
/** The live region that announces the count. */
const liveCount = (page: Page) => page.locator('[aria-live="polite"]');

async function typeQuery(page: Page, query: string): Promise<void> {
  const box = page.getByRole('searchbox');
  await box.click();
  // Typed key by key, as a person does: the page searches as you type (debounced).
  await box.pressSequentially(query, { delay: 30 });
}

/**
 * Waits until the page shows the results of exactly this search: the API's total announced in
 * the live region and its first story first. Typing shows results of the partial query on the
 * way, so "some results are there" is not enough.
 */
async function untilResultsOf(page: Page, params: Record<string, string>): Promise<{ total: number; firstTitle: string }> {
  const expected = await search(app().baseUrl, params);
  expect(expected.total, `the demo corpus answers ${JSON.stringify(params)}`).toBeGreaterThan(0);
  const firstTitle = expected.results[0]!.story.title;
  await expect
    .poll(async () => ({
      count: (await liveCount(page).first().textContent())?.includes(String(expected.total)) ?? false,
      first: (await results(page).first().getByRole('heading').textContent().catch(() => null))?.trim() ?? null,
      busy: await page.locator('[aria-busy="true"]').count(),
    }), { timeout: 15_000 })
    .toEqual({ count: true, first: firstTitle, busy: 0 });
  return { total: expected.total, firstTitle };
}

async function firstStoryLink(page: Page) {
  const link = results(page).first().locator('a[href^="/stories/"]').first();
  await link.waitFor();
  return link;
}

describe('search page', { timeout: 120_000 }, () => {
  it('searches as you type: results with the matching words highlighted, the count announced, the query in the URL', async () => {
    await withPage(browser(), app(), async (page) => {
      await page.goto('/');
      await typeQuery(page, QUERY);

      await page.waitForURL((url) => url.searchParams.get('q') === QUERY);
      // The live region announces the API's total, and the first result is the API's first story.
      await untilResultsOf(page, { q: QUERY });

      // The matching words are marked, and the marks hold words of the passage text, not HTML.
      const marked = await results(page).locator('mark').allTextContents();
      expect(marked.length, 'matching words are highlighted').toBeGreaterThan(0);
      expect(marked.every((text) => text.trim().length > 0 && !text.includes('<'))).toBe(true);
    });
  });

  it('searches by clicking a theme chip: the theme goes into the URL and the page shows its stories', async () => {
    await withPage(browser(), app(), async (page) => {
      const all = await themes(app().baseUrl);
      const theme = all.filter((t) => t.count > 0).sort((a, b) => b.count - a.count)[0]!;
      await page.goto('/');
      // Theme chips are toggle buttons: the name is the label and its count (a chosen one has a ✓
      // before it, from CSS, which counts in the name), aria-pressed the choice.
      const name = new RegExp(`(^|\\s)${escapeRegExp(theme.labelNb)}\\s*\\(`, 'i');
      const chip = page.getByRole('button', { name, pressed: false });
      await chip.click();

      await page.waitForURL((url) => url.searchParams.getAll('theme').includes(theme.slug));
      await untilResultsOf(page, { theme: theme.slug });
      await page.getByRole('button', { name, pressed: true }).waitFor();
      expect(await page.getByRole('searchbox').inputValue(), 'a chip searches by theme alone').toBe('');
    });
  });

  it('opens a result on the passage it matched (highlighted, in view), and the back button returns to the results', async () => {
    await withPage(browser(), app(), async (page) => {
      await page.setViewportSize({ width: 360, height: 640 }); // a phone: the results run long enough to scroll
      await page.goto(`/?q=${encodeURIComponent(QUERY)}`);
      await untilResultsOf(page, { q: QUERY });
      const link = await firstStoryLink(page);
      await link.scrollIntoViewIfNeeded(); // as the click would: the position left is the one to come back to
      const scrolledTo = await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY);
      expect(scrolledTo, 'the results page scrolls at 360 px').toBeGreaterThan(0);
      const linkTop = (await link.boundingBox())!.y;
      const href = (await link.getAttribute('href'))!;
      const passageId = new URL(href, app().baseUrl).searchParams.get('passage');
      expect(passageId, `a result links to the passage it matched (${href})`).toMatch(/^[0-9a-f-]{36}$/);

      await link.click();
      await page.waitForURL((url) => url.pathname.startsWith('/stories/'));
      const story = page.getByRole('main');
      await story.getByRole('heading', { level: 1 }).waitFor();

      // The passage you came from: a labelled region holding a mark, scrolled into view and focused.
      const focus = page.getByRole('region', { name: /utdraget du kom fra/i });
      await focus.waitFor();
      expect(await focus.locator('mark').count(), 'the passage is highlighted').toBeGreaterThan(0);
      await expect.poll(() => isInViewport(page, focus.locator('mark'))).toBe(true);
      const focusHoldsActive = await focus.evaluate((el) => {
        const active = (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement;
        return el === active || el.contains(active as never);
      });
      expect(focusHoldsActive, 'keyboard focus is on the passage, so a screen reader starts there').toBe(true);

      const searches: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === '/api/search') searches.push(request.url());
      });
      await page.goBack();
      await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('q') === QUERY);
      await results(page).first().waitFor();
      expect(await page.getByRole('searchbox').inputValue()).toBe(QUERY);
      // The same results at once (kept from before, not fetched again), and the reader where they left off.
      expect(searches, 'back shows the results it had without searching again').toEqual([]);
      await expect.poll(() => page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY)).toBe(scrolledTo);
      expect(Math.round((await (await firstStoryLink(page)).boundingBox())!.y), 'the same result where it was on screen').toBe(Math.round(linkTop));
    });
  });

  it('switches to English: the interface text changes, and the choice survives a reload', async () => {
    await withPage(browser(), app(), async (page) => {
      await page.goto('/');
      expect(await page.locator('html').getAttribute('lang')).toBe('nb');
      const nbHeading = await page.getByRole('heading', { level: 1 }).textContent();

      await chooseLanguage(page, 'en');
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).not.toBe(nbHeading);
      const enHeading = await page.getByRole('heading', { level: 1 }).textContent();

      await page.reload();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(enHeading);
    });
  });

  it('has no serious or critical axe-core violations: the search page (nb and en, with results) and a story page', async () => {
    await withPage(browser(), app(), async (page) => {
      await page.goto(`/?q=${encodeURIComponent(QUERY)}`);
      await results(page).first().waitFor();
      await expectNoSeriousA11yViolations(page, 'the search page (nb)');

      await chooseLanguage(page, 'en');
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
      await results(page).first().waitFor();
      await expectNoSeriousA11yViolations(page, 'the search page (en)');

      await (await firstStoryLink(page)).click();
      await page.waitForURL((url) => url.pathname.startsWith('/stories/'));
      await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
      await expectNoSeriousA11yViolations(page, 'a story page');
    });
  });

  it('works by keyboard alone: skip link, search box, type, first result, Enter → the story', async () => {
    await withPage(browser(), app(), async (page) => {
      await page.goto('/');
      await page.keyboard.press('Tab');
      const skip = await activeElementInfo(page);
      expect(skip.tag, 'the first Tab stop is the skip link').toBe('a');
      expect(skip.text).toMatch(/hopp til hovedinnhold/i);
      await page.keyboard.press('Enter');

      // From the main content, Tab reaches the search box.
      await tabUntil(page, (el) => el.role === 'searchbox' || el.type === 'search', 10);
      await page.keyboard.type(QUERY, { delay: 30 });
      await page.waitForURL((url) => url.searchParams.get('q') === QUERY);
      await untilResultsOf(page, { q: QUERY });

      // Tab onward to the first result's link to its story.
      const firstHref = await (await firstStoryLink(page)).getAttribute('href');
      await tabUntil(page, (el) => el.tag === 'a' && el.href === firstHref, 80);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname.startsWith('/stories/'));
      await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
    });
  });

  it('shows a story\'s own <script> and markup as text and never runs them', async () => {
    const base = app().baseUrl;
    const marker = 'skriptprøve';
    const payload = `<script>window.__xss = 'script'</script><img src=x onerror="window.__xss = 'img'">`;
    const { storyId } = await submitStory(base, {
      title: `En historie om ${marker} <script>window.__xss = 'title'</script>`,
      text: `Dette er en ${marker}. ${payload}\n\nJeg skrev dette for å se om nettsiden viser tegnene som de er. ${payload}`,
    });
    await publishAsEditor(base, storyId);
    await untilSearchable(base, storyId, marker);

    // CSP bypassed on purpose: the app's Content-Security-Policy would stop an inline script as a
    // second line of defence; this test is about the first, that the UI renders text as text.
    await withPage(
      browser(),
      app(),
      async (page) => {
        await page.addInitScript(() => {
          (globalThis as unknown as { __xss?: string }).__xss = undefined;
        });
        await page.goto(`/?q=${encodeURIComponent(marker)}`);
        const hit = results(page).filter({ hasText: marker }).first();
        await hit.waitFor();
        await expect.poll(() => hit.textContent()).toContain('<script>');

        await page.goto(`/stories/${storyId}`);
        const main = page.getByRole('main');
        await main.getByRole('heading', { level: 1 }).waitFor();
        await expect.poll(() => main.textContent()).toContain(`<img src=x onerror="window.__xss = 'img'">`);
        expect(await main.getByRole('heading', { level: 1 }).textContent()).toContain("<script>window.__xss = 'title'</script>");
        expect(await main.locator('script, img[src="x"]').count(), 'no element was made from the story text').toBe(0);
        expect(await page.evaluate(() => (globalThis as unknown as { __xss?: string }).__xss)).toBeUndefined();
      },
      { bypassCSP: true },
    );
  });
});

interface ActiveElement {
  readonly tag: string;
  readonly role: string | null;
  readonly type: string | null;
  readonly text: string;
  readonly href: string | null;
}

function activeElementInfo(page: Page): Promise<ActiveElement> {
  return page.evaluate(() => {
    const el = (
      globalThis as unknown as {
        document: { activeElement: { tagName: string; textContent: string | null; getAttribute(name: string): string | null } | null };
      }
    ).document.activeElement;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      role: el?.getAttribute('role') ?? null,
      type: el?.getAttribute('type') ?? null,
      text: el?.textContent?.trim() ?? '',
      href: el?.getAttribute('href') ?? null,
    };
  });
}

/** Presses Tab until the focused element matches, failing after `max` presses with what was focused. */
async function tabUntil(page: Page, matches: (el: ActiveElement) => boolean, max: number): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await activeElementInfo(page);
    if (matches(el)) return;
    seen.push(`${el.tag}${el.role ? `[role=${el.role}]` : ''}${el.href ? `[href=${el.href}]` : ''} ${el.text.slice(0, 30)}`);
  }
  throw new Error(`Tab did not reach the element within ${max} presses; focus went: ${seen.join(' → ')}`);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
