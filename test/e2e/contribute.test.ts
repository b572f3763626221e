import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { submitStory, themes } from './support/api.js';
import { chooseLanguage, expectNoSeriousA11yViolations, useApp, useBrowser, withPage } from './support/harness.js';

/**
 * A contributor's whole path in a real Chromium against `levd start`: a story written and sent
 * through every step of /contribute, the receipt code shown once, the status page opened with
 * it, everything withdrawn (after a confirmation that says what goes) — and the code then
 * opening nothing. Also: the same flow with the keyboard alone, axe-core on every step, and a
 * reload in the middle that keeps the draft. The receipt code is kept for the tab only
 * (sessionStorage): never in localStorage, the URL or the history; «I agree» holds only for the
 * consent text it was given to (another UI language shows another text and clears it).
 */

const app = useApp();
const browser = useBrowser();

const SCOPES = ['Offentlig nett', 'Helsepersonell', 'Undervisning', 'Forskning', 'Ordrett sitat'] as const;
const TEXT =
  'Det første året etter utskrivningen gikk jeg på tur hver morgen, også når jeg ikke orket. ' +
  'Etter hvert ble turene noe jeg gledet meg til, og en dag merket jeg at jeg ikke lenger telte dagene.';
const RECEIPT_CODE = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/;

const stepHeading = (page: Page, name: string) => page.getByRole('heading', { level: 2, name });
const position = (page: Page) => page.getByText(/^Steg \d av 5$/);
const scopeGroup = (page: Page, scope: string) => page.getByRole('group', { name: scope, exact: true });

/** The step has appeared and its heading holds the focus (so a screen reader starts there). */
async function atStep(page: Page, n: number, heading: string): Promise<void> {
  await stepHeading(page, heading).waitFor();
  await expect.poll(() => position(page).textContent()).toBe(`Steg ${n} av 5`);
  await expect.poll(() => stepHeading(page, heading).evaluate((el) => el === (el.ownerDocument.activeElement as unknown))).toBe(true);
}

async function receiptCodeOf(page: Page): Promise<string> {
  const code = page.getByTestId('receipt-code');
  await code.waitFor();
  return ((await code.textContent()) ?? '').trim();
}

async function contributionStatus(code: string): Promise<number> {
  const res = await fetch(`${app().baseUrl}/api/contribution`, { headers: { 'X-Receipt-Code': code } });
  return res.status;
}

describe('contribute', { timeout: 240_000 }, () => {
  it('a story goes through every step and gets a receipt; the status page opens with the code; withdrawing everything makes the code stop working', async () => {
    const theme = (await themes(app().baseUrl))[0]!;
    const title = `Turene som hjalp (${Date.now()})`;
    await withPage(browser(), app(), async (page) => {
      // Every URL the tab shows, pushState navigations included, to check none holds the code.
      const urls: string[] = [];
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) urls.push(frame.url());
      });
      await page.goto('/contribute');
      await stepHeading(page, 'Skriv eller last opp').waitFor();
      expect(await position(page).textContent()).toBe('Steg 1 av 5');
      await expectNoSeriousA11yViolations(page, 'step 1 (write)');

      // Next refuses an empty story and says why, next to the field.
      await page.getByRole('button', { name: 'Neste' }).click();
      await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Skriv en tittel.' }).count()).toBe(1);
      expect(await page.getByLabel('Tittel').getAttribute('aria-describedby')).toContain('story-title-error');

      await page.getByLabel('Tittel').fill(title);
      await page.getByLabel('Historien din').fill(TEXT);
      await page.getByRole('checkbox', { name: theme.labelNb }).check();
      await page.getByLabel('Innholdsadvarsler (valgfritt)').fill('innleggelse');
      await page.getByRole('button', { name: 'Legg til' }).click();
      await page.getByRole('button', { name: 'Fjern advarselen «innleggelse»' }).waitFor();
      await page.getByRole('button', { name: 'Neste' }).click();

      await atStep(page, 2, 'Hva den kan brukes til');
      // Nothing is pre-selected, and Next is refused until every use has an answer and one is «yes».
      expect(await page.getByRole('radio', { checked: true }).count()).toBe(0);
      await expectNoSeriousA11yViolations(page, 'step 2 (scopes)');
      await page.getByRole('button', { name: 'Neste' }).click();
      const unanswered = page.getByRole('alert').filter({ hasText: /^Svar ja eller nei på/ });
      await unanswered.waitFor();
      expect(await scopeGroup(page, 'Forskning').getAttribute('aria-describedby')).toContain('scopes-error');
      for (const scope of SCOPES) await scopeGroup(page, scope).getByRole('radio', { name: 'Nei' }).check();
      await page.getByRole('button', { name: 'Neste' }).click();
      await page.getByRole('alert').filter({ hasText: /^Si ja til minst én bruk/ }).waitFor();
      await scopeGroup(page, 'Offentlig nett').getByRole('radio', { name: 'Ja' }).check();
      await scopeGroup(page, 'Undervisning').getByRole('radio', { name: 'Ja' }).check();
      await page.getByRole('button', { name: 'Neste' }).click();

      await atStep(page, 3, 'Hvordan du vises');
      await expectNoSeriousA11yViolations(page, 'step 3 (display)');
      await page.getByRole('radio', { name: 'Med psevdonym' }).check();
      await page.getByLabel('Psevdonymet som skal vises').fill('Morgenturgåeren');
      await page.getByRole('button', { name: 'Neste' }).click();

      await atStep(page, 4, 'Les og godta');
      // The consent text is rendered from Markdown as elements (its headings are headings).
      const consentText = page.getByRole('region', { name: /^Samtykketeksten, versjon/ });
      await expect.poll(() => consentText.getByRole('heading').count()).toBeGreaterThan(2);
      expect(await consentText.locator('ul > li').count()).toBeGreaterThan(2);
      expect(await consentText.textContent()).not.toContain('**');
      const summary = page.getByRole('region', { name: 'Oppsummering av valgene dine' });
      expect(await summary.textContent()).toContain(title);
      expect(await summary.textContent()).toContain('Morgenturgåeren');
      await expectNoSeriousA11yViolations(page, 'step 4 (consent)');
      await page.getByRole('button', { name: 'Send historien' }).click();
      await page.getByRole('alert').filter({ hasText: 'Kryss av for at du har lest og samtykker' }).waitFor();
      const agree = page.getByRole('checkbox', { name: 'Jeg har lest teksten og samtykker' });
      await agree.check();

      // Another UI language shows another consent text (another hash): the agreement does not carry over,
      // not to the English text, and not back to the Norwegian one either.
      await chooseLanguage(page, 'en');
      const agreeEn = page.getByRole('checkbox', { name: 'I have read the text and agree' });
      await agreeEn.waitFor();
      expect(await page.getByRole('region', { name: /^The consent text, version/ }).getAttribute('lang')).toBe('en');
      expect(await agreeEn.isChecked()).toBe(false);
      await chooseLanguage(page, 'nb');
      await agree.waitFor();
      expect(await agree.isChecked()).toBe(false);
      expect(await summary.textContent(), 'the rest of the draft survives the switch').toContain('Morgenturgåeren');
      await agree.check();
      await page.getByRole('button', { name: 'Send historien' }).click();

      await atStep(page, 5, 'Takk – historien din er mottatt');
      const code = await receiptCodeOf(page);
      expect(code).toMatch(RECEIPT_CODE);
      expect(await page.getByRole('main').textContent()).toContain('Den vises bare denne ene gangen');
      await page.getByRole('button', { name: 'Kopier koden' }).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Last ned som tekstfil' }).click()]);
      const downloaded = await download.path().then((file) => import('node:fs').then((fs) => fs.readFileSync(file, 'utf8')));
      expect(downloaded).toContain(code);
      await expectNoSeriousA11yViolations(page, 'step 5 (receipt)');

      // The code is kept for this tab only: not in localStorage, not in any URL the tab has shown, not in history state.
      const stored = await page.evaluate(() => {
        const g = globalThis as unknown as StorageGlobals;
        const dump = (s: StorageLike) => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i) ?? '')}`).join('\n');
        return { local: dump(g.localStorage), session: dump(g.sessionStorage), historyState: JSON.stringify(g.history.state) ?? '' };
      });
      expect(stored.local).not.toContain(code);
      expect(stored.historyState).not.toContain(code);
      expect(stored.session, 'kept in sessionStorage so a reload does not lose it').toContain(code);
      expect(urls.length).toBeGreaterThan(0);
      for (const url of [...urls, page.url()]) expect(url).not.toContain(code);

      // A reload (or a click away and back) shows the receipt again, until the contributor says it is saved.
      await page.reload();
      expect(await receiptCodeOf(page)).toBe(code);
      await page.getByRole('button', { name: 'Ferdig – jeg har tatt vare på koden' }).click();
      await atStep(page, 1, 'Skriv eller last opp');
      expect(await page.getByLabel('Tittel').inputValue(), 'the draft is gone once the story is received').toBe('');
      await page.reload();
      await stepHeading(page, 'Skriv eller last opp').waitFor();
      expect(await page.getByTestId('receipt-code').count()).toBe(0);

      // The status page opens by itself in this tab; forgotten, it takes the code typed (never in the URL).
      await page.goto('/contribute/status');
      await page.getByTestId('story-status').waitFor();
      await page.getByRole('button', { name: 'Glem koden i denne fanen' }).click();
      await page.getByLabel('Kvitteringskode').fill(code);
      await page.getByRole('button', { name: 'Åpne' }).click();
      await page.getByTestId('story-status').waitFor();
      expect(page.url()).not.toContain(code);
      expect(await page.getByTestId('story-status').textContent()).toMatch(/^Sendt inn/);
      const version = page.getByRole('region', { name: 'Versjonen som blir publisert' });
      expect(await version.getByRole('heading', { level: 3 }).textContent()).toBe(title);
      expect(await version.textContent()).toContain('etter utskrivningen');
      const audience = page.getByRole('region', { name: 'Hvem kan lese den' });
      expect(await audience.getByRole('listitem').allTextContents()).toEqual(['Alle som besøker nettsiden', 'Lærere og studenter, i undervisning']);
      await expectNoSeriousA11yViolations(page, 'the status page');

      // A reload keeps the story open for this tab (sessionStorage), without the code in the URL.
      await page.reload();
      await page.getByTestId('story-status').waitFor();

      // Withdraw everything: the dialog says exactly what goes, and nothing happens before the confirmation.
      await page.getByRole('radio', { name: 'Hele historien – den slettes' }).check();
      await page.getByRole('button', { name: 'Trekk tilbake …' }).click();
      const dialog = page.getByRole('dialog', { name: 'Slette historien for godt?' });
      await dialog.waitFor();
      const said = (await dialog.textContent()) ?? '';
      for (const what of ['teksten og tittelen', 'alle versjoner', 'alle oppføringer i søket', 'undervisningssamlinger', 'uten innhold']) expect(said).toContain(what);
      await expectNoSeriousA11yViolations(page, 'the withdrawal confirmation');
      await dialog.getByRole('button', { name: 'Avbryt' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(await contributionStatus(code), 'cancelling withdraws nothing').toBe(200);

      await page.getByRole('button', { name: 'Trekk tilbake …' }).click();
      await dialog.getByRole('button', { name: 'Ja, slett historien' }).click();
      await page.getByRole('status').filter({ hasText: /trukket tilbake og slettet/ }).waitFor();
      expect(await contributionStatus(code)).toBe(401);

      // The tab has forgotten the code, and typing it again opens nothing.
      await page.goto('/contribute/status');
      await page.getByLabel('Kvitteringskode').fill(code);
      await page.getByRole('button', { name: 'Åpne' }).click();
      await page.getByRole('alert').filter({ hasText: 'Koden åpner ingen historie' }).waitFor();
    });
  });

  it('can be completed with the keyboard alone (Tab, Space, Enter and typing)', async () => {
    await withPage(browser(), app(), async (page) => {
      await page.goto('/contribute');
      await stepHeading(page, 'Skriv eller last opp').waitFor();

      await tabTo(page, 'Tittel');
      await page.keyboard.type(`Med tastaturet (${Date.now()})`);
      await tabTo(page, 'Historien din');
      await page.keyboard.type(TEXT);
      await tabTo(page, 'Neste');
      await page.keyboard.press('Enter');

      await atStep(page, 2, 'Hva den kan brukes til');
      // Tab enters each unanswered group on its first radio («Ja»); Space chooses it.
      for (const scope of SCOPES) {
        await tabTo(page, 'Ja');
        expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.closest('fieldset')?.querySelector('legend')?.textContent)).toBe(scope);
        await page.keyboard.press('Space');
      }
      await tabTo(page, 'Neste');
      await page.keyboard.press('Enter');

      await atStep(page, 3, 'Hvordan du vises');
      await tabTo(page, 'Med navn');
      await page.keyboard.press('Space');
      await tabTo(page, 'Navnet som skal vises');
      await page.keyboard.type('Kari Tastatur');
      await page.keyboard.press('Enter'); // submits the step's form

      await atStep(page, 4, 'Les og godta');
      await tabTo(page, 'Jeg har lest teksten og samtykker');
      await page.keyboard.press('Space');
      await tabTo(page, 'Send historien');
      await page.keyboard.press('Enter');

      await atStep(page, 5, 'Takk – historien din er mottatt');
      const code = await receiptCodeOf(page);
      expect(code).toMatch(RECEIPT_CODE);
      await tabTo(page, 'Gå til statussiden for historien din');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/contribute/status');
      // The tab kept the code: the status page opens the story without asking for it.
      await page.getByTestId('story-status').waitFor();
      expect(page.url()).not.toContain(code);
    });
  });

  it('keeps the draft through a reload in the middle, asks for a chosen file again, and refuses files it cannot take before sending', async () => {
    await withPage(browser(), app(), async (page) => {
      await page.goto('/contribute');
      await page.getByLabel('Tittel').fill('Et utkast som overlever');
      await page.getByLabel('Historien din').fill('Dette skal ikke gå tapt.');
      await page.getByRole('button', { name: 'Neste' }).click();
      await atStep(page, 2, 'Hva den kan brukes til');
      await scopeGroup(page, 'Offentlig nett').getByRole('radio', { name: 'Ja' }).check();
      await scopeGroup(page, 'Forskning').getByRole('radio', { name: 'Nei' }).check();

      await page.reload();
      await stepHeading(page, 'Hva den kan brukes til').waitFor();
      expect(await position(page).textContent()).toBe('Steg 2 av 5');
      expect(await scopeGroup(page, 'Offentlig nett').getByRole('radio', { name: 'Ja' }).isChecked()).toBe(true);
      expect(await scopeGroup(page, 'Forskning').getByRole('radio', { name: 'Nei' }).isChecked()).toBe(true);
      expect(await scopeGroup(page, 'Helsepersonell').getByRole('radio', { checked: true }).count()).toBe(0);
      await page.getByRole('button', { name: 'Tilbake' }).click();
      await atStep(page, 1, 'Skriv eller last opp');
      expect(await page.getByLabel('Tittel').inputValue()).toBe('Et utkast som overlever');
      expect(await page.getByLabel('Historien din').inputValue()).toBe('Dette skal ikke gå tapt.');

      // A file: the wrong type is refused at once; a transcript shows its name and size, and after a reload is asked for again.
      await page.getByRole('radio', { name: /^Laste opp en fil/ }).check();
      const fileInput = page.getByLabel('Fil med historien eller intervjuet');
      await fileInput.setInputFiles({ name: 'historie.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 not a story') });
      await page.getByRole('alert').filter({ hasText: '«historie.pdf» er ikke en fil vi kan ta imot' }).waitFor();
      expect(await fileInput.evaluate((el) => (el as unknown as { files: { length: number } }).files.length)).toBe(0);
      const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Intervjuer>Hvordan var det?\n\n00:00:05.000 --> 00:00:09.000\n<v Kari>Det var tungt, men det ble bedre.\n';
      await fileInput.setInputFiles({ name: 'intervju.vtt', mimeType: 'text/vtt', buffer: Buffer.from(vtt) });
      await expect.poll(() => page.locator('#story-file-status').textContent()).toMatch(/^Valgt fil: intervju\.vtt \(\d+ byte\)$/);

      await page.reload();
      await stepHeading(page, 'Skriv eller last opp').waitFor();
      await expect.poll(() => page.locator('#story-file-status').textContent()).toMatch(/valgte filen intervju\.vtt .*velg den igjen/);
      expect(await page.getByLabel('Tittel').inputValue()).toBe('Et utkast som overlever');
    });
  });
  it('on the status page: allowing a new use needs the consent text accepted again; withdrawing one use leaves the rest', async () => {
    const { receiptCode } = await submitStory(app().baseUrl, { title: `Endringer (${Date.now()})`, text: TEXT });
    await withPage(browser(), app(), async (page) => {
      await page.goto('/contribute/status');
      await page.getByLabel('Kvitteringskode').fill(receiptCode.toLowerCase());
      await page.keyboard.press('Enter');
      await page.getByTestId('story-status').waitFor();
      const audience = page.getByRole('region', { name: 'Hvem kan lese den' });
      expect(await audience.getByRole('listitem').allTextContents()).toEqual(['Alle som besøker nettsiden']);

      const change = page.getByRole('region', { name: 'Endre hva historien kan brukes til' });
      await change.getByRole('group', { name: 'Helsepersonell' }).getByRole('radio', { name: 'Ja' }).check();
      await change.getByRole('region', { name: /^Samtykketeksten, versjon/ }).waitFor();
      await change.getByRole('button', { name: 'Lagre endringene' }).click();
      await change.getByRole('alert').filter({ hasText: 'Kryss av for at du har lest samtykketeksten.' }).waitFor();
      await change.getByRole('checkbox', { name: 'Jeg har lest teksten og samtykker til den nye bruken' }).check();
      await change.getByRole('button', { name: 'Lagre endringene' }).click();
      await change.getByRole('status').filter({ hasText: 'Endringene er lagret.' }).waitFor();
      await expect.poll(() => audience.getByRole('listitem').allTextContents()).toEqual(['Alle som besøker nettsiden', 'Innloggede fagfolk i helsetjenesten']);

      await page.getByRole('radio', { name: 'Noen av brukene' }).check();
      await page.getByRole('group', { name: 'Bruker som skal trekkes tilbake' }).getByRole('checkbox', { name: 'Offentlig nett' }).check();
      await page.getByRole('button', { name: 'Trekk tilbake …' }).click();
      const dialog = page.getByRole('dialog', { name: 'Trekke tilbake disse brukene?' });
      await dialog.waitFor();
      expect(await dialog.getByRole('listitem').allTextContents()).toEqual(['Offentlig nett']);
      await dialog.getByRole('button', { name: 'Ja, trekk tilbake' }).click();
      await page.getByRole('status').filter({ hasText: 'Trukket tilbake: Offentlig nett.' }).waitFor();
      await expect.poll(() => audience.getByRole('listitem').allTextContents()).toEqual(['Innloggede fagfolk i helsetjenesten']);

      const res = await fetch(`${app().baseUrl}/api/contribution`, { headers: { 'X-Receipt-Code': receiptCode } });
      const view = (await res.json()) as { consent: { scopes: Record<string, boolean> } };
      expect(view.consent.scopes).toMatchObject({ public: false, clinicians: true });
    });
  });
});

/** The page's document, inside `page.evaluate` (this project's TypeScript has no DOM library). */
interface FocusedElement {
  getAttribute(name: string): string | null;
  readonly labels?: ArrayLike<{ readonly textContent: string | null }> | null;
  readonly textContent: string | null;
  closest(selector: string): { querySelector(selector: string): { readonly textContent: string | null } | null } | null;
}
/** Inlined in each evaluate: its function runs in the page, where nothing of this module exists. */
type PageGlobals = { readonly document: { readonly activeElement: FocusedElement | null } };
interface StorageLike {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
}
type StorageGlobals = { readonly localStorage: StorageLike; readonly sessionStorage: StorageLike; readonly history: { readonly state: unknown } };

/** Presses Tab (at most 80 times) until the focused element's label, text or value is `name`. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = (globalThis as unknown as PageGlobals).document.activeElement;
      if (!el) return '';
      const label = el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent ?? '';
      return label.trim();
    });
    if (focused === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}
