/**
 * A large corpus made from a small real one, for the search benchmark: embedding 100,000
 * passages with the real model would take an hour here, so each generated passage is
 * assembled from the demo corpus's own sentences and given a vector made from the real
 * embeddings of the passages those sentences come from. Pure and seeded: the same source
 * and seed give the same corpus.
 *
 * How one passage is made (A and B are real, embedded demo passages of the same language;
 * A belongs to the generated story's parent demo story, B to any demo story):
 *   text   = A's sentences in shuffled order, with 1–2 of B's sentences put in at random places;
 *   vector = normalise(w·e(A) + (1 − w)·e(B) + σ·g), w ~ U(0.55, 0.9), g ~ N(0, I₃₈₄).
 * So the words and the vector of a passage agree (both lean towards A, a little towards B),
 * and the vectors fill the space *between* real passages rather than piling up on a few
 * hundred points: with ~300 sources there are ~45,000 pairs, each a segment along which
 * passages spread. σ (default 0.012, i.e. noise of norm ≈ 0.23 against a signal of norm
 * ≈ 0.95) keeps two passages of one pair apart without drowning the meaning; the bench
 * prints neighbourhood statistics to show the result is not degenerate.
 */
import { layoutTranscript } from '../../indexer/chunking/transcript-chunker.js';
import { splitSentences } from '../../indexer/chunking/sentences.js';
import type { ConsentScopes } from '../../services/consent/audience.js';
import type { DisplayMode, StoryKind } from '../../services/repositories/story.repository.js';
import { random, type Random } from '../../test/support/seeded-random.js';

/** A real, indexed demo story as the generator reads it. */
export interface SourceStory {
  readonly title: string;
  readonly language: string;
  readonly kind: StoryKind;
  readonly contentWarnings: readonly string[];
  readonly confirmedThemes: readonly string[];
  readonly suggestedThemes: readonly string[];
  readonly passages: readonly SourcePassage[];
}

export interface SourcePassage {
  readonly text: string;
  readonly vector: Float32Array;
  readonly speaker: string | null;
}

export interface GeneratedPassage {
  readonly text: string;
  readonly vector: Float32Array;
  readonly startChar: number;
  readonly endChar: number;
  readonly speaker: string | null;
  readonly startSeconds: number | null;
  readonly endSeconds: number | null;
}

export interface GeneratedStory {
  readonly externalId: string;
  readonly title: string;
  readonly language: string;
  readonly kind: StoryKind;
  readonly status: 'published' | 'in_review';
  readonly body: string | null;
  readonly segments: { speaker?: string; start: number; end: number; text: string }[] | null;
  readonly scopes: ConsentScopes;
  readonly displayMode: DisplayMode;
  readonly displayName: string | null;
  readonly contentWarnings: readonly string[];
  readonly confirmedThemes: readonly string[];
  readonly suggestedThemes: readonly string[];
  readonly passages: readonly GeneratedPassage[];
}

export interface GenerateOptions {
  readonly passages: number;
  readonly seed?: number;
  /** σ of the Gaussian noise per dimension. */
  readonly noise?: number;
  /** Every theme slug: a few stories get one more suggested theme, so facets are not only the demo's. */
  readonly themeSlugs: readonly string[];
}

/** Share of stories per consent shape: most public, some for clinicians or teaching only. */
const CONSENT_MIX: readonly (readonly [share: number, scopes: Omit<ConsentScopes, 'research' | 'quote'>])[] = [
  [0.7, { public: true, clinicians: true, teaching: true }],
  [0.15, { public: false, clinicians: true, teaching: false }],
  [0.1, { public: false, clinicians: false, teaching: true }],
  [0.05, { public: false, clinicians: true, teaching: true }],
];
const PSEUDONYMS = ['Randi', 'Ola', 'Kari', 'Ahmed', 'Siri', 'Nils', 'Marte', 'Jonas', 'Ingrid', 'Ali', 'Ánde', 'Eva'];

/** Generated stories, a story at a time, until at least `options.passages` passages. */
export function* generateStories(sources: readonly SourceStory[], options: GenerateOptions): Generator<GeneratedStory> {
  if (sources.length === 0 || sources.some((s) => s.passages.length === 0)) throw new Error('every source story needs at least one embedded passage');
  const rng = random(options.seed ?? 20_251);
  const noise = options.noise ?? 0.012;
  const byLanguage = new Map<string, SourcePassage[]>();
  for (const story of sources) byLanguage.set(story.language, [...(byLanguage.get(story.language) ?? []), ...story.passages]);
  let made = 0;
  for (let n = 0; made < options.passages; n++) {
    const parent = rng.pick(sources);
    const count = Math.min(rng.int(3, 14), options.passages - made);
    const pool = byLanguage.get(parent.language)!;
    const pieces = Array.from({ length: count }, () => {
      const a = rng.pick(parent.passages);
      const b = rng.pick(pool);
      return { text: mixText(a.text, b.text, rng), vector: mixVectors(a.vector, b.vector, rng, noise), speaker: a.speaker };
    });
    made += count;
    yield story(n, parent, pieces, rng, options.themeSlugs);
  }
}

function story(n: number, parent: SourceStory, pieces: readonly { text: string; vector: Float32Array; speaker: string | null }[], rng: Random, themeSlugs: readonly string[]): GeneratedStory {
  const shape = pickShare(CONSENT_MIX, rng.next());
  const display = rng.next();
  const displayMode: DisplayMode = display < 0.5 ? 'pseudonym' : display < 0.85 ? 'anonymous' : 'name';
  const extraTheme = rng.next() < 0.2 ? [rng.pick(themeSlugs)] : [];
  const suggested = [...new Set([...parent.suggestedThemes, ...extraTheme])].filter((slug) => !parent.confirmedThemes.includes(slug));
  const laidOut = parent.kind === 'written' ? written(pieces) : interview(pieces);
  return {
    externalId: `bench-${n}`,
    title: `${parent.title} (${n})`,
    language: parent.language,
    kind: parent.kind,
    status: rng.next() < 0.97 ? 'published' : 'in_review',
    ...laidOut,
    scopes: { ...shape, research: rng.next() < 0.5, quote: rng.next() < 0.8 },
    displayMode,
    displayName: displayMode === 'anonymous' ? null : rng.pick(PSEUDONYMS),
    contentWarnings: parent.contentWarnings,
    confirmedThemes: parent.confirmedThemes,
    suggestedThemes: suggested,
  };
}

/** A written story's body is its passages, one paragraph each; offsets point into it. */
function written(pieces: readonly { text: string; vector: Float32Array }[]) {
  let at = 0;
  const passages = pieces.map(({ text, vector }) => {
    const passage = { text, vector, startChar: at, endChar: at + text.length, speaker: null, startSeconds: null, endSeconds: null };
    at += text.length + 2;
    return passage;
  });
  return { body: pieces.map((p) => p.text).join('\n\n'), segments: null, passages };
}

/** An interview: one segment per passage, ~40 s each, offsets into the transcript's canonical layout. */
function interview(pieces: readonly { text: string; vector: Float32Array; speaker: string | null }[]) {
  const segments = pieces.map((p, i) => ({ ...(p.speaker ? { speaker: p.speaker } : {}), start: i * 40, end: i * 40 + 38, text: p.text }));
  const spans = layoutTranscript(segments).segments;
  const passages = pieces.map(({ text, vector, speaker }, i) => ({
    text, vector, startChar: spans[i]!.start, endChar: spans[i]!.end, speaker, startSeconds: i * 40, endSeconds: i * 40 + 38,
  }));
  return { body: null, segments, passages };
}

export function mixText(a: string, b: string, rng: Random): string {
  const sentences = (text: string) => splitSentences(text).map((span) => text.slice(span.start, span.end).trim()).filter(Boolean);
  const out = shuffle(sentences(a), rng);
  const extra = sentences(b);
  for (let i = rng.int(1, 2); i > 0 && extra.length > 0; i--) out.splice(rng.int(0, out.length), 0, rng.pick(extra));
  return out.join(' ');
}

export function mixVectors(a: Float32Array, b: Float32Array, rng: Random, sigma: number): Float32Array {
  const w = 0.55 + 0.35 * rng.next();
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = w * a[i]! + (1 - w) * b[i]! + sigma * gaussian(rng);
  return normalise(out);
}

export function normalise(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  return v.map((x) => x / norm);
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
}

/** Box–Muller: one standard normal draw. */
function gaussian(rng: Random): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

function shuffle<T>(items: T[], rng: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function pickShare<T>(mix: readonly (readonly [number, T])[], draw: number): T {
  let sum = 0;
  for (const [share, value] of mix) if (draw < (sum += share)) return value;
  return mix[mix.length - 1]![1];
}
