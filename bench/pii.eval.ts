/**
 * How well PII detection finds the personal data in the labelled set
 * (test/fixtures/pii/labelled-sentences.jsonl): recall and precision per category, under the
 * matching rule in services/moderation/pii/evaluate.ts. Pure and fast; no services needed.
 *
 *   npm run eval:pii                          # table
 *   npm run eval:pii -- --json                # machine-readable
 *   npm run eval:pii -- --min-confidence medium   # only marks at or above a confidence
 *   npm run eval:pii -- --misses              # also list missed and spurious marks (synthetic text only)
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseLabelledSet, scoreCategories } from '../services/moderation/pii/evaluate.js';
import { CONFIDENCES, detectPersonalData, type Confidence } from '../services/moderation/pii/pii.js';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, 'min-confidence': { type: 'string', default: 'low' }, misses: { type: 'boolean', default: false } } });
const minConfidence = values['min-confidence'] as Confidence;
if (!CONFIDENCES.includes(minConfidence)) throw new Error(`--min-confidence must be one of ${CONFIDENCES.join(', ')}`);

const set = parseLabelledSet(readFileSync(new URL('../test/fixtures/pii/labelled-sentences.jsonl', import.meta.url), 'utf8'));
const pairs = set.map((s) => ({ text: s.text, expected: s.marks, predicted: detectPersonalData(s.text, { minConfidence }) }));
const scores = scoreCategories(pairs);

if (values.json) {
  process.stdout.write(`${JSON.stringify({ sentences: set.length, minConfidence, categories: scores }, null, 2)}\n`);
} else {
  const pct = (x: number) => x.toFixed(3).padStart(9);
  process.stdout.write(`PII detection on ${set.length} labelled sentences (marks of confidence ≥ ${minConfidence})\n\n`);
  process.stdout.write(`${'category'.padEnd(12)} ${'expected'.padStart(8)} ${'predicted'.padStart(9)} ${'recall'.padStart(9)} ${'precision'.padStart(9)}\n`);
  for (const s of scores) {
    process.stdout.write(`${s.category.padEnd(12)} ${String(s.expected).padStart(8)} ${String(s.predicted).padStart(9)} ${pct(s.recall)} ${pct(s.precision)}\n`);
  }
  if (values.misses) {
    // The labelled set is synthetic, so printing its text here is safe (never do this with stories).
    for (const p of pairs) {
      const same = (a: { start: number; end: number; category: string }, b: { start: number; end: number; category: string }) => a.category === b.category && a.start < b.end && b.start < a.end;
      for (const e of p.expected.filter((e) => !p.predicted.some((x) => same(e, x)))) process.stdout.write(`\nmissed   ${e.category}: «${e.text}» in: ${p.text}`);
      for (const x of p.predicted.filter((x) => !p.expected.some((e) => same(e, x)))) process.stdout.write(`\nspurious ${x.category} (${x.confidence}): «${p.text.slice(x.start, x.end)}» in: ${p.text}`);
    }
    process.stdout.write('\n');
  }
}
