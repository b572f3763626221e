import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoCatalogue, type DemoStory } from '../support/demo-stack.js';
import { apiSignIn, asStaff, publishAsEditor, untilSearchable } from './support/api.js';
import { expectNoSeriousA11yViolations, signIn, useApp, useBrowser, withPage } from './support/harness.js';

/**
 * Collections for teaching, in a real Chromium against `levd start` (embedded default, demo
 * corpus), as an educator: create a collection, add passages from two story pages (and see a
 * story without teaching consent refused), reorder, annotate, export the Markdown handout, print
 * view, axe; and delete a collection after its confirmation.
 */

const app = useApp();
const browser = useBrowser();

interface StoryRef {
  readonly id: string;
  readonly title: string;
  /** The byline the handout gives: the consented name, or «Anonym». */
  readonly byline: string;
}

/** A public demo story (so the search API finds it anonymously) with or without teaching consent, as the corpus files say. */
async function demoStories(teaching: boolean, count: number): Promise<StoryRef[]> {
  const candidates = [...(await demoCatalogue()).values()].filter((s: DemoStory) => s.scopes.public && !s.withdrawn && s.scopes.teaching === teaching);
  const found: StoryRef[] = [];
  for (const story of candidates) {
    if (found.length === count) break;
    const ref = await findStory(story);
    if (ref) found.push(ref);
  }
  if (found.length < count) throw new Error(`the demo corpus has fewer than ${count} searchable public stories with teaching=${teaching}`);
  return found;
}

async function findStory(story: DemoStory): Promise<StoryRef | null> {
  const theme = story.themes[0];
  if (!theme) return null;
  const res = await fetch(`${app().baseUrl}/api/search?${new URLSearchParams({ theme, limit: '50' })}`);
  const body = (await res.json()) as { results: { story: { id: string; externalId: string | null; title: string; displayName: string | null } }[] };
  const hit = body.results.find((r) => r.story.externalId === story.externalId)?.story;
  return hit ? { id: hit.id, title: hit.title, byline: hit.displayName ? `Fortalt av ${hit.displayName}` : 'Anonym' } : null;
}

async function createCollection(page: Page, title: string, description = ''): Promise<string> {
  await page.goto('/staff/collections');
  await page.getByRole('heading', { level: 1, name: 'Samlinger' }).waitFor();
  await page.getByLabel('Tittel', { exact: true }).fill(title);
  if (description) await page.getByLabel(/^Beskrivelse/).fill(description);
  await page.getByRole('button', { name: 'Lag samlingen' }).click();
  await page.waitForURL(/\/staff\/collections\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  return new URL(page.url()).pathname.split('/').pop()!;
}

/** On a story page: open the panel, press "Legg til i samling" by the first passage, choose the collection, add. */
async function addFirstPassage(page: Page, storyId: string, collectionTitle: string, note = ''): Promise<void> {
  await page.goto(`/stories/${storyId}`);
  await page.locator('summary', { hasText: 'Legg utdrag i en samling' }).click();
  await page.getByRole('button', { name: 'Legg til i samling' }).first().click();
  const form = page.getByRole('form', { name: 'Legg utdraget i en samling' });
  await form.getByLabel('Samling', { exact: true }).selectOption({ label: collectionTitle });
  if (note) await form.getByLabel(/^Merknad/).fill(note);
  await form.getByRole('button', { name: 'Legg til', exact: true }).click();
}

/**
 * A contribution for teaching (public too, so the search finds it when published), sent as the
 * contribute page sends it: the current consent text, every scope the collection needs.
 */
async function submitTeachingStory(baseUrl: string, title: string, text: string): Promise<string> {
  const consent = (await (await fetch(`${baseUrl}/api/consent-texts/current?lang=nb`)).json()) as { version: string; language: string; sha256: string };
  const res = await fetch(`${baseUrl}/api/submissions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      title,
      language: 'nb',
      text,
      themes: [],
      consent: { public: true, clinicians: false, teaching: true, research: false, quote: true, version: consent.version, language: consent.language, sha256: consent.sha256 },
      display: { mode: 'anonymous' },
    }),
  });
  if (res.status !== 201) throw new Error(`POST /api/submissions: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { storyId: string }).storyId;
}

/** What the page holds that markup in a story would have made: set flags, script or img elements in the main content. */
async function injected(page: Page): Promise<{ flag: unknown; scripts: number; images: number }> {
  return {
    flag: await page.evaluate(() => (globalThis as unknown as { __levdXss?: unknown }).__levdXss),
    scripts: await page.locator('main script').count(),
    images: await page.locator('main img').count(),
  };
}

const itemHeadings = (page: Page) => page.locator('.collection-items').getByRole('heading', { level: 3 });

describe('collections', { timeout: 240_000 }, () => {
  it('builds a collection from two story pages, reorders and annotates it, and exports a handout with attribution and the consent note', async () => {
    const [first, second] = await demoStories(true, 2);
    const [refused] = await demoStories(false, 1);
    await withPage(browser(), app(), async (page) => {
      await signIn(page, 'educator');
      const title = `Undervisning ${Date.now()}`;
      const id = await createCollection(page, title, 'Til kurset om brukermedvirkning');

      await addFirstPassage(page, first!.id, title, 'Les høyt');
      await page.getByRole('status').filter({ hasText: `Utdraget er lagt i «${title}».` }).waitFor();
      await addFirstPassage(page, second!.id, title);
      await page.getByRole('status').filter({ hasText: `Utdraget er lagt i «${title}».` }).waitFor();

      // A story whose teller did not consent to teaching: the API's 409, said in words.
      await addFirstPassage(page, refused!.id, title);
      await expect
        .poll(() => page.getByRole('alert').allTextContents())
        .toContainEqual(expect.stringContaining('ikke samtykket til at denne historien brukes i undervisning'));

      await page.goto(`/staff/collections/${id}`);
      await expect.poll(() => itemHeadings(page).allTextContents()).toEqual([`1. ${first!.title}`, `2. ${second!.title}`]);
      await expect.poll(() => page.getByRole('main').textContent()).toContain(first!.byline);

      // Reorder with the keyboard: focus "move down" on the first passage and press Enter.
      await page.getByRole('button', { name: `Flytt ned: utdrag 1, ${first!.title}` }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => itemHeadings(page).allTextContents()).toEqual([`1. ${second!.title}`, `2. ${first!.title}`]);
      await expect.poll(() => page.getByRole('status').allTextContents()).toContainEqual(`«${first!.title}» er nå utdrag 2 av 2.`);

      // Annotate: the note is saved when the field is left.
      const note = 'Snakk om hva som hjalp';
      await page.getByLabel('Merknad til utdrag 1').fill(note);
      await page.keyboard.press('Tab');
      await page.getByText('Merknaden til utdrag 1 er lagret.').waitFor();

      // The order and the notes are the API's now, not only the page's.
      const stored = await page.evaluate(async (url) => (await fetch(url)).json(), `/api/collections/${id}`);
      expect((stored as { items: { storyId: string; note: string }[] }).items.map((i) => [i.storyId, i.note])).toEqual([
        [second!.id, note],
        [first!.id, 'Les høyt'],
      ]);

      // The Markdown handout, fetched from the download link in the page (its session cookie goes along).
      const href = await page.getByRole('link', { name: 'Last ned som Markdown' }).getAttribute('href');
      expect(href).toMatch(/\/handout\?.*format=md/);
      expect(href).toContain('lang=nb');
      const handout = await page.evaluate(async (url) => {
        const res = await fetch(url);
        return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
      }, href!);
      expect(handout.status).toBe(200);
      expect(handout.type).toContain('text/markdown');
      expect(handout.text).toContain(`# ${title}`);
      expect(handout.text.indexOf(second!.title)).toBeGreaterThan(0);
      expect(handout.text.indexOf(second!.title)).toBeLessThan(handout.text.indexOf(first!.title));
      for (const story of [first!, second!]) expect(handout.text).toContain(`*${story.byline}*`);
      expect(handout.text).toContain(note);
      expect(handout.text).toContain('## Om samtykke');
      expect(handout.text).toContain('Fortellerne har samtykket til at historiene deres brukes i undervisning');

      await expectNoSeriousA11yViolations(page, 'the collection page');

      // Printing shows the handout only: no site navigation, no form fields, the consent note kept.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.site-header').isVisible()).toBe(false);
      expect(await page.getByLabel('Merknad til utdrag 1').isVisible()).toBe(false);
      expect(await page.getByRole('heading', { name: 'Om samtykke' }).isVisible()).toBe(true);
      expect(await page.getByText(`Merknad: ${note}`).isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });
    });
  });

  it('shows markup in a story as text on the review page and the collection page, and escapes it in the HTML handout', async () => {
    const word = `skrivebrettet${Date.now()}`;
    const SCRIPT = '<script>globalThis.__levdXss = "script"</script>';
    const IMG = '<img src="x" onerror="globalThis.__levdXss = \'img\'">';
    const title = `Om ${SCRIPT} og ${IMG}`;
    const text =
      `Jeg skrev ${SCRIPT} og ${IMG} i dagboka mi, bare for å se hva som skjedde med ${word}. ` +
      'Etter hvert skrev jeg heller om hva som hjalp meg gjennom vinteren, og det ble en vane jeg har beholdt.';
    const storyId = await submitTeachingStory(app().baseUrl, title, text);

    await withPage(browser(), app(), async (page) => {
      await signIn(page, 'editor');
      await page.goto(`/staff/moderation/${storyId}`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
      await expect.poll(() => page.locator('.deid-text').allTextContents().then((t) => t.join('\n'))).toContain(IMG);
      expect(await injected(page)).toEqual({ flag: undefined, scripts: 0, images: 0 });
    });

    await publishAsEditor(app().baseUrl, storyId);
    await untilSearchable(app().baseUrl, storyId, word);
    const educator = await apiSignIn(app().baseUrl, 'educator');
    const created = (await (await asStaff(app().baseUrl, educator, 'POST', '/api/collections', { title: `Markup ${Date.now()}` })).json()) as { id: string };
    const story = (await (await asStaff(app().baseUrl, educator, 'GET', `/api/stories/${storyId}`)).json()) as { story: { text: string } };
    const start = story.story.text.indexOf('Jeg skrev');
    const end = story.story.text.indexOf('dagboka') + 'dagboka'.length;
    expect(start).toBeGreaterThanOrEqual(0);
    const added = await asStaff(app().baseUrl, educator, 'POST', `/api/collections/${created.id}/items`, { storyId, startChar: start, endChar: end });
    expect(added.status, await added.clone().text()).toBe(201);

    await withPage(browser(), app(), async (page) => {
      await signIn(page, 'educator');
      await page.goto(`/staff/collections/${created.id}`);
      await expect.poll(() => itemHeadings(page).allTextContents()).toEqual([`1. ${title}`]);
      await expect.poll(() => page.locator('.collection-passage').textContent()).toContain(`${SCRIPT} og ${IMG}`);
      expect(await injected(page)).toEqual({ flag: undefined, scripts: 0, images: 0 });

      const href = await page.getByRole('link', { name: 'Last ned som HTML' }).getAttribute('href');
      const handout = await page.evaluate(async (url) => (await fetch(url)).text(), href!);
      expect(handout).not.toContain('<script>globalThis');
      expect(handout).not.toContain('<img');
      expect(handout).toContain('&lt;script&gt;globalThis.__levdXss');
      expect(handout).toContain('&lt;img src=');
    });
  });

  it('lists the collections with their passage count, and deletes one only after its confirmation', async () => {
    await withPage(browser(), app(), async (page) => {
      await signIn(page, 'educator');
      const title = `Slettes ${Date.now()}`;
      await createCollection(page, title);
      await page.goto('/staff/collections');
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: title }) });
      await expect.poll(() => row.textContent()).toContain('0 utdrag');
      await expectNoSeriousA11yViolations(page, 'the collections list');

      await row.getByRole('button', { name: `Slett samlingen «${title}»` }).click();
      await row.getByRole('button', { name: 'Avbryt' }).click();
      await expect.poll(() => row.count()).toBe(1);

      // What is typed in the create form survives a delete, and the keyboard lands on the list, not the page's top.
      await page.getByLabel('Tittel', { exact: true }).fill('Halvskrevet');
      await row.getByRole('button', { name: `Slett samlingen «${title}»` }).click();
      await expect.poll(() => row.textContent()).toContain('Det kan ikke angres');
      await row.getByRole('button', { name: 'Ja, slett' }).click();
      await expect.poll(() => row.count()).toBe(0);
      expect(await page.getByLabel('Tittel', { exact: true }).inputValue()).toBe('Halvskrevet');
      const focused = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id);
      await expect.poll(focused).toMatch(/^collections-(caption|empty)$/);
      await page.getByRole('status').filter({ hasText: `Samlingen «${title}» er slettet.` }).waitFor({ state: 'attached' });
      const list = await page.evaluate(async () => (await fetch('/api/collections')).json());
      expect((list as { collections: { title: string }[] }).collections.map((c) => c.title)).not.toContain(title);
    });
  });
});
