import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoCatalogue, type DemoStory } from '../support/demo-stack.js';
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

      await row.getByRole('button', { name: `Slett samlingen «${title}»` }).click();
      await expect.poll(() => row.textContent()).toContain('Det kan ikke angres');
      await row.getByRole('button', { name: 'Ja, slett' }).click();
      await expect.poll(() => row.count()).toBe(0);
      await page.getByRole('status').filter({ hasText: `Samlingen «${title}» er slettet.` }).waitFor({ state: 'attached' });
      const list = await page.evaluate(async () => (await fetch('/api/collections')).json());
      expect((list as { collections: { title: string }[] }).collections.map((c) => c.title)).not.toContain(title);
    });
  });
});
