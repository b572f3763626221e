/**
 * Bokmål, Nynorsk or English, from frequent function words: enough to fill in a story's
 * missing `language` (which picks the full-text configuration), and honest enough to say
 * "don't know" rather than guess on a short or mixed text.
 *
 * Two steps: English against Norwegian, then — for Norwegian — Bokmål against Nynorsk on the
 * words that differ between them (ikke/ikkje, jeg/eg, hva/kva …). Words that mean something
 * else in another of the three ("i", "no", "for", "her", "just") are left out.
 */

export type DetectedLanguage = 'nb' | 'nn' | 'en';

const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

const NB = words(`
  ikke jeg hva hvordan hvorfor hvor hvem hvilken hver bare noe noen fra hjemme hjem kommer vi ble vet
  mye da hun de dem selv mer nå være vært sammen tror sier gikk fikk helt hele annet siden egen eget
  mennesker en et gang`);
const NN = words(`
  ikkje eg kva korleis kvifor korfor kor kven kvar berre noko nokon nokre frå heime heim kjem me vart vert
  veit mykje då ho dei sjølv meir òg vere vore saman trur seier gjekk fekk heilt heile anna sidan eigen eige
  ein eit ei hjå difor gong`);
// Norwegian either way: these count towards Norwegian in step one only.
const NORWEGIAN = words(`
  og det som på er til av har var men så om den med å meg deg seg etter hadde kunne skulle ville når
  mange litt fordi også min mitt mine sin sitt sine dette alle ingen andre enn kanskje gjennom blir`);
const EN = words(`
  the and was it that of to with my is you this have had not but they were what when because about would
  there been she he his we our their which from could into than then them very`);
/** Norwegian words that are also common English ones ("me"): no evidence against English. */
const ALSO_ENGLISH = words('me');

const count = (tokens: readonly string[], set: ReadonlySet<string>) => tokens.filter((t) => set.has(t)).length;

/** Clear means at least `minimum` hits and at least twice the other side's. */
function winner<T>(a: T, aHits: number, b: T, bHits: number, minimum: number): T | undefined {
  if (aHits >= minimum && aHits >= 2 * bHits && aHits > bHits) return a;
  if (bHits >= minimum && bHits >= 2 * aHits && bHits > aHits) return b;
  return undefined;
}

export function detectLanguage(text: string): DetectedLanguage | undefined {
  const tokens = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (tokens.length < 3) return undefined;

  const norwegianHits = tokens.filter((t) => !ALSO_ENGLISH.has(t) && (NB.has(t) || NN.has(t) || NORWEGIAN.has(t))).length;
  const first = winner<'en' | 'no'>('en', count(tokens, EN), 'no', norwegianHits, 2);
  if (first !== 'no') return first;

  return winner<DetectedLanguage>('nb', count(tokens, NB), 'nn', count(tokens, NN), 2);
}
