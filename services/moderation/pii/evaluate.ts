/**
 * Scores detected marks against a labelled set. Matching rule: a predicted mark matches an expected
 * one when both have the same category and their spans overlap (share at least one character). Recall
 * is the share of expected marks matched by some prediction; precision the share of predictions
 * that match some expected mark. Addresses and postcodes are separate marks in both (address spans
 * never include the postcode), so no cross-category credit is given.
 */
import { z } from 'zod';
import { PII_CATEGORIES, type PiiCategory } from './pii.js';

export const labelledSentenceSchema = z.object({
  text: z.string().min(1),
  marks: z.array(z.object({ category: z.enum(PII_CATEGORIES), text: z.string(), start: z.number().int().min(0), end: z.number().int().min(1) })),
});
export type LabelledSentence = z.infer<typeof labelledSentenceSchema>;

/** Parses the JSONL labelled set, checking each mark's offsets against its text. */
export function parseLabelledSet(jsonl: string): LabelledSentence[] {
  return jsonl
    .split('\n')
    .map((line, i) => [line, i + 1] as const)
    .filter(([line]) => line.trim() !== '')
    .map(([line, lineNo]) => {
      const sentence = labelledSentenceSchema.parse(JSON.parse(line));
      for (const m of sentence.marks) {
        if (sentence.text.slice(m.start, m.end) !== m.text) throw new Error(`labelled set line ${lineNo}: offsets [${m.start}, ${m.end}) do not cover the mark's text`);
      }
      return sentence;
    });
}

export interface Span {
  readonly start: number;
  readonly end: number;
  readonly category: PiiCategory;
}
export interface CategoryScore {
  readonly category: PiiCategory;
  readonly expected: number;
  readonly predicted: number;
  readonly found: number;
  readonly correct: number;
  /** 1 when nothing was expected. */
  readonly recall: number;
  /** 1 when nothing was predicted. */
  readonly precision: number;
}

const overlaps = (a: Span, b: Span) => a.category === b.category && a.start < b.end && b.start < a.end;

/** Per-category counts over many sentences: pairs of expected and predicted spans for the same text. */
export function scoreCategories(pairs: readonly { expected: readonly Span[]; predicted: readonly Span[] }[]): CategoryScore[] {
  return PII_CATEGORIES.map((category) => {
    let expected = 0;
    let predicted = 0;
    let found = 0;
    let correct = 0;
    for (const pair of pairs) {
      const e = pair.expected.filter((s) => s.category === category);
      const p = pair.predicted.filter((s) => s.category === category);
      expected += e.length;
      predicted += p.length;
      found += e.filter((x) => p.some((y) => overlaps(x, y))).length;
      correct += p.filter((y) => e.some((x) => overlaps(x, y))).length;
    }
    return { category, expected, predicted, found, correct, recall: expected ? found / expected : 1, precision: predicted ? correct / predicted : 1 };
  });
}
