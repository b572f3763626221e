import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSignIn, asStaff, submitStory, untilSearchable } from './support/api.js';
import { expectNoSeriousA11yViolations, signIn, STAFF, useApp, useBrowser, withPage } from './support/harness.js';

/**
 * An editor's whole path in a real Chromium against `levd start`: a story contributed through the
 * API (with a phone number, an e-mail address and a name in it) is found in the queue, claimed,
 * de-identified with the suggested choices, refused publication until its contributor approves,
 * sent for approval, approved with the receipt code, shown as published — and found on the
 * search page. axe-core checks the queue and the review page.
 */

const app = useApp();
const browser = useBrowser();

const PHONE = '912 34 567';
const EMAIL = 'kari.nordmann@eksempel.no';
/** A word no demo story has, so the search finds this story by it. */
const WORD = 'sjøbristrappene';
const TITLE = `Trappene som bar meg (${WORD})`;
const TEXT =
  `Våren etter innleggelsen ringte Kari meg på ${PHONE} hver kveld. Hun skrev også til ${EMAIL} at ${WORD} hjalp. ` +
  'Da jeg kom hjem, gikk jeg opp trappene hver morgen, trinn for trinn, til det ble en vane som holdt meg oppe gjennom vinteren.';

/** The review page's status line, which names the status in words. */
const statusLine = (page: Page) => page.getByTestId('review-status');

describe('moderation', { timeout: 300_000 }, () => {
  it('an editor de-identifies a submission, it is published once its contributor approves, and it can be found', async () => {
    const { storyId, receiptCode } = await submitStory(app().baseUrl, { title: TITLE, text: TEXT });

    await withPage(browser(), app(), async (page) => {
      // Signing in through the form lands an editor on the queue.
      await signIn(page, 'editor', { via: 'ui' });
      await page.waitForURL((url) => url.pathname === '/staff/moderation');
      const row = page.getByRole('row').filter({ hasText: TITLE });
      await row.waitFor();
      await expect.poll(() => row.textContent()).toMatch(/sendt inn/i);
      await expectNoSeriousA11yViolations(page, 'the moderation queue');

      await row.getByRole('link', { name: TITLE }).click();
      await page.waitForURL((url) => url.pathname === `/staff/moderation/${storyId}`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE);
      // The tab title (kept in the browser's history) names the revision, never the title, which may hold a real name.
      await expect.poll(() => page.title()).toMatch(/revisjon 1/);
      expect(await page.title()).not.toContain(WORD);
      // Consent comes first: who may read it.
      await expect.poll(() => page.getByRole('region', { name: 'Samtykke' }).textContent()).toMatch(/alle på nettet/i);

      await page.getByRole('button', { name: 'Ta historien til gjennomgang' }).click();
      await expect.poll(() => statusLine(page).textContent()).toMatch(/under gjennomgang · revisjon 1/i);

      // The marks are buttons named by category and confidence; the phone is among them.
      const phoneMark = page.getByRole('button', { name: new RegExp(`^Telefon, høy sikkerhet: ${PHONE}`) });
      await phoneMark.waitFor();
      await phoneMark.focus();
      expect(await phoneMark.evaluate((el) => el.parentElement?.tagName)).toBe('MARK');

      await page.getByRole('button', { name: 'Godta alle forslag' }).click();
      const preview = page.getByTestId('deid-preview');
      await expect.poll(() => preview.textContent()).toContain('[telefon]');
      const previewText = (await preview.textContent()) ?? '';
      expect(previewText).not.toContain(PHONE);
      expect(previewText).not.toContain(EMAIL);
      expect(previewText).toContain('[e-post]');

      await page.getByRole('button', { name: 'Lagre avidentifiseringen' }).click();
      await expect.poll(() => statusLine(page).textContent()).toMatch(/revisjon 2/);
      // The story's own text, as the page now shows it, holds neither.
      const bodyText = (await page.locator('.deid-text').allTextContents()).join('\n');
      expect(bodyText).not.toContain(PHONE);
      expect(bodyText).not.toContain(EMAIL);
      expect(bodyText).toContain('[telefon]');
      // Kari got a pseudonym, listed in the map.
      const map = page.getByRole('region', { name: 'Psevdonymer i denne historien' });
      await expect.poll(() => map.getByRole('row').filter({ hasText: 'Kari' }).count()).toBe(1);
      await expectNoSeriousA11yViolations(page, 'the review page');

      // The API refuses to publish a revision its contributor has not approved; the page says why.
      await page.getByRole('button', { name: 'Publiser' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Ja, fortsett' }).click();
      await expect.poll(() => page.getByRole('alert').filter({ hasText: /not been approved/i }).count()).toBe(1);

      await page.getByRole('button', { name: 'Send til fortelleren for godkjenning' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Ja, fortsett' }).click();
      await expect.poll(() => statusLine(page).textContent()).toMatch(/venter på godkjenning/i);

      // The contributor reads the edited version and approves it with the receipt code.
      const contribution = await fetch(`${app().baseUrl}/api/contribution`, { headers: { 'X-Receipt-Code': receiptCode } });
      expect(contribution.status).toBe(200);
      const version = ((await contribution.json()) as { version: { revision: number; text: string } }).version;
      expect(version.revision).toBe(2);
      expect(version.text).not.toContain(PHONE);
      const approval = await fetch(`${app().baseUrl}/api/contribution/approval`, {
        method: 'POST',
        headers: { 'X-Receipt-Code': receiptCode, 'Content-Type': 'application/json' },
        body: JSON.stringify({ revision: version.revision }),
      });
      expect(approval.status, await approval.clone().text()).toBe(200);

      await page.reload();
      await expect.poll(() => statusLine(page).textContent()).toMatch(/publisert/i);

      // Published means found: on the search page, by a word of the story.
      await untilSearchable(app().baseUrl, storyId, WORD);
      await page.goto(`/?q=${encodeURIComponent(WORD)}`);
      const result = page.getByRole('main').getByRole('article').filter({ hasText: TITLE });
      await result.first().waitFor();
      expect(await result.first().textContent()).not.toContain(PHONE);
    });
  });

  it('the queue and the review page send a signed-out visitor to sign in, and back after', async () => {
    const { storyId } = await submitStory(app().baseUrl, { title: 'Et lite notat om søvn', text: 'Jeg sov dårlig i mange år, og lærte etter hvert å ta kveldene roligere.' });
    await withPage(browser(), app(), async (page) => {
      await page.goto(`/staff/moderation/${storyId}`);
      await page.waitForURL((url) => url.pathname === '/staff/sign-in');
      expect(new URL(page.url()).searchParams.get('next')).toBe(`/staff/moderation/${storyId}`);
      await expectNoSeriousA11yViolations(page, 'the sign-in page');

      // A wrong password gets the same message as an unknown e-mail.
      await page.getByLabel('E-post').fill(STAFF.editor.email);
      await page.getByLabel('Passord').fill('not-the-password');
      await page.getByRole('button', { name: 'Logg inn' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toBe('Feil e-post eller passord.');
      await page.getByLabel('E-post').fill('nobody@levd.test');
      await page.getByLabel('Passord').fill('not-the-password');
      await page.getByRole('button', { name: 'Logg inn' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toBe('Feil e-post eller passord.');

      await signInThroughForm(page);
      await page.waitForURL((url) => url.pathname === `/staff/moderation/${storyId}`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Et lite notat om søvn');

      // Rejecting needs a reason, which the API keeps for the contributor.
      await page.getByRole('button', { name: 'Avvis …' }).click();
      await page.getByRole('button', { name: 'Avvis historien' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/begrunnelse/i);
      await page.getByLabel('Begrunnelse (fortelleren leser den)').fill('Historien handler om noe annet enn arkivet samler.');
      await page.getByRole('button', { name: 'Avvis historien' }).click();
      await expect.poll(() => statusLine(page).textContent()).toMatch(/avvist/i);
      const editor = await apiSignIn(app().baseUrl, 'editor');
      const review = (await (await asStaff(app().baseUrl, editor, 'GET', `/api/moderation/stories/${storyId}`)).json()) as { story: { status: string; rejectionReason: string } };
      expect(review.story).toMatchObject({ status: 'rejected', rejectionReason: 'Historien handler om noe annet enn arkivet samler.' });

      // Signed in, the sign-in page offers to go on, but never off the site: a tab the URL parser
      // strips would turn `/<tab>/evil.example` into `//evil.example`.
      for (const next of ['/%09/evil.example', '//evil.example', '/%5Cevil.example', 'https://evil.example/']) {
        await page.goto(`/staff/sign-in?next=${next}`);
        const onward = page.getByRole('link', { name: 'Fortsett' });
        await onward.waitFor();
        expect(await onward.getAttribute('href'), next).toBe('/staff/moderation');
      }
      await page.goto(`/staff/sign-in?next=${encodeURIComponent(`/staff/moderation/${storyId}`)}`);
      expect(await page.getByRole('link', { name: 'Fortsett' }).getAttribute('href')).toBe(`/staff/moderation/${storyId}`);
    });
  });
});

async function signInThroughForm(page: Page): Promise<void> {
  await page.getByLabel('E-post').fill(STAFF.editor.email);
  await page.getByLabel('Passord').fill(STAFF.editor.password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
}
