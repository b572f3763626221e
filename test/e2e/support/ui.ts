import type { Page } from 'playwright-core';

/** Steps through the UI that several tests and the screenshots script take, by role and accessible name. */

const LANGUAGE_NAMES = { nb: /^norsk|bokmål/i, en: /^english$/i } as const;

/** Picks the UI language with the language control (a select, or one button/link per language). */
export async function chooseLanguage(page: Page, lang: keyof typeof LANGUAGE_NAMES): Promise<void> {
  const select = page.getByRole('combobox', { name: /^(språk|language)$/i });
  if ((await select.count()) > 0) {
    await select.first().selectOption(lang);
  } else {
    const name = LANGUAGE_NAMES[lang];
    await page.getByRole('button', { name }).or(page.getByRole('link', { name })).or(page.getByRole('radio', { name })).first().click();
  }
  await page.waitForFunction((wanted) => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang === wanted, lang);
}
