import { createMessages } from '../../i18n/i18n.js';

/**
 * "Add to collection" on the story page, Bokmål first; `en` must have the same keys (its type says so).
 * Read through `useAddText()` below (createMessages, i18n/i18n.tsx), which follows the foundation's language state.
 */
const nb = {
  'panel.summary': 'Legg utdrag i en samling',
  'panel.intro': 'Velg et utdrag fra historien og legg det i en av samlingene dine til undervisning.',
  'panel.none': 'Historien har ingen utdrag å velge ennå.',
  'panel.passages': 'Utdrag fra historien',
  'panel.focus': 'Utdraget du kom fra',
  'panel.speakerAt': '{speaker}, {time}',
  'add.button': 'Legg til i samling',
  'add.form': 'Legg utdraget i en samling',
  'add.collection': 'Samling',
  'add.newOption': 'Ny samling …',
  'add.newTitle': 'Tittel på den nye samlingen',
  'add.note': 'Merknad (valgfritt)',
  'add.submit': 'Legg til',
  'add.working': 'Legger til …',
  'add.cancel': 'Avbryt',
  'add.loading': 'Henter samlingene dine …',
  'add.titleMissing': 'Skriv en tittel på den nye samlingen.',
  'add.added': 'Utdraget er lagt i «{title}».',
  'add.open': 'Åpne samlingen',
  'add.noTeaching': 'Fortelleren har ikke samtykket til at denne historien brukes i undervisning, så utdrag fra den kan ikke legges i en samling.',
  'add.refused': 'Utdraget ble ikke lagt til: {message}',
  'add.full': 'Samlingen er full (høyst {max} utdrag). Velg en annen samling eller lag en ny.',
} as const;

export type AddMessageKey = keyof typeof nb;

const en: Record<AddMessageKey, string> = {
  'panel.summary': 'Put passages in a collection',
  'panel.intro': 'Choose a passage from the story and put it in one of your teaching collections.',
  'panel.none': 'This story has no passages to choose yet.',
  'panel.passages': 'Passages of the story',
  'panel.focus': 'The passage you came from',
  'panel.speakerAt': '{speaker}, {time}',
  'add.button': 'Add to collection',
  'add.form': 'Put the passage in a collection',
  'add.collection': 'Collection',
  'add.newOption': 'New collection …',
  'add.newTitle': 'Title of the new collection',
  'add.note': 'Note (optional)',
  'add.submit': 'Add',
  'add.working': 'Adding …',
  'add.cancel': 'Cancel',
  'add.loading': 'Loading your collections …',
  'add.titleMissing': 'Write a title for the new collection.',
  'add.added': 'The passage is in “{title}”.',
  'add.open': 'Open the collection',
  'add.noTeaching': 'The teller has not consented to this story being used in teaching, so its passages cannot be put in a collection.',
  'add.refused': 'The passage was not added: {message}',
  'add.full': 'The collection is full (at most {max} passages). Choose another collection or start a new one.',
};

/** The add-to-collection strings as `{ t }` in the language the app holds. */
export const useAddText = createMessages({ nb, en });
