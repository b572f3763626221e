/**
 * Stop words of the archive's languages: the Snowball lists PostgreSQL ships as
 * `norwegian.stop` (Bokmål and Nynorsk) and `english.stop`, copied word for word so the
 * Meilisearch adapter (whose index has no stop words) and the PostgreSQL adapter agree on
 * what a query of "only stop words" is. Snowball's lists are BSD-licensed.
 */
const NORWEGIAN = `
  og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men ett har om vi min mitt
  ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva skal selv sjøl her alle vil
  bli ble blei blitt kunne inn når være kom noen noe ville dere deres kun ja etter ned skulle denne for deg si
  sine sitt mot å meget hvorfor dette disse uten hvordan ingen din ditt blir samme hvilken hvilke sånn inni
  mellom vår hver hvem vors hvis både bare enn fordi før mange også slik vært båe begge siden dykk dykkar dei
  deira deires deim di då eg ein eit eitt elles honom hjå ho hoe henne hennar hennes hoss hossen ingi inkje
  korleis korso kva kvar kvarhelst kven kvi kvifor me medan mi mine mykje no nokon noka nokor noko nokre sia
  sidan so somt somme um upp vere vore verte vort varte vart
`;

const ENGLISH = `
  i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers
  herself it its itself they them their theirs themselves what which who whom this that these those am is are
  was were be been being have has had having do does did doing a an the and but if or because as until while of
  at by for with about against between into through during before after above below to from up down in out on
  off over under again further then once here there when where why how all any both each few more most other
  some such no nor not only own same so than too very s t can will just don should now
`;

const STOP_WORDS: ReadonlySet<string> = new Set([...NORWEGIAN.split(/\s+/), ...ENGLISH.split(/\s+/)].filter(Boolean));

/** Every stop word, for Meilisearch's `stopWords` setting. */
export const STOP_WORDS_LIST: readonly string[] = [...STOP_WORDS].sort();

/** True for a lower-cased word that carries no meaning of its own in Norwegian or English. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}
