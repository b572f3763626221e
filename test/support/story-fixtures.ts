import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Small fictional stories for indexer tests, written to a temp folder in the import formats. */

const SENTENCES = [
  'Jeg husker den første natten på akuttposten, da dørene ble låst bak meg.',
  'Ingen forklarte hvorfor jeg ble holdt tilbake, og jeg var redd hele tiden.',
  'Etter noen uker fikk jeg en primærkontakt som satte seg ned og lyttet, f.eks. om morgenen før visitten.',
  'Det var første gang noen spurte hva som hadde hjulpet meg før.',
  'Vi laget en plan sammen, bl.a. for hva som skulle skje hvis jeg ble dårlig igjen.',
  'Mamma kom på besøk hver søndag, selv om hun måtte kjøre i tre timer.',
  'Jeg begynte å gå turer langs elva, først med en ansatt og så alene.',
  'Det tok lang tid å stole på hjelpeapparatet igjen, dvs. nesten to år.',
  'I dag jobber jeg deltid i en butikk og har en leilighet med balkong.',
  'Når jeg ser tilbake, var det menneskene som gjorde forskjellen, ikke reglene.',
];

export function longStory(paragraphs = 8, sentencesPerParagraph = 6, seed = 0): string {
  const out: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const sentences: string[] = [];
    for (let s = 0; s < sentencesPerParagraph; s++) sentences.push(SENTENCES[(seed + p * 7 + s * 3) % SENTENCES.length]!);
    out.push(sentences.join(' '));
  }
  return out.join('\n\n');
}

export const CONSENT = {
  public: true,
  clinicians: true,
  teaching: true,
  research: false,
  quote: true,
  display: 'pseudonym',
  pseudonym: 'Kari',
  consentTextVersion: 'test-v1',
} as const;

export function writtenRecord(externalId: string, overrides: Record<string, unknown> = {}) {
  return { externalId, title: `Fortelling ${externalId}`, language: 'nb', kind: 'written', text: longStory(), themes: ['tvang'], fictional: true, consent: CONSENT, ...overrides };
}

export function interviewRecord(externalId: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    title: `Intervju ${externalId}`,
    language: 'nb',
    kind: 'interview',
    segments: [
      { speaker: 'I', start: 0, end: 4, text: 'Hvordan var det å slutte med medisinene?' },
      { speaker: 'R', start: 4, end: 30, text: longStory(1, 5, 1) },
      { speaker: 'R', start: 30, end: 52, text: longStory(1, 5, 2) },
      { speaker: 'I', start: 52, end: 55, text: 'Hva hjalp deg mest?' },
      { speaker: 'R', start: 55, end: 90, text: longStory(2, 4, 3) },
    ],
    fictional: true,
    consent: { ...CONSENT, public: false },
    ...overrides,
  };
}

/** A temp folder; write files into it with `write(name, content)`. */
export function tempFolder(prefix = 'levd-import-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    write(name: string, content: string): string {
      const file = path.join(dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      return file;
    },
    jsonl(name: string, lines: readonly unknown[]): string {
      return this.write(name, lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n');
    },
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
