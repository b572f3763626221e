import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestDecisions } from '../../services/moderation/redaction.js';
import { aSubmission } from '../support/consent-fixtures.js';
import { EMBEDDED, openTestStack, type TestStack } from '../support/stack.js';

/**
 * De-identifying an interview: the marks are per segment, and a speaker label that names a
 * person replaced in the text gets the same pseudonym — otherwise the name would survive in
 * every turn's label after the editor had removed it from the words.
 */
describe('de-identifying an interview', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await openTestStack(EMBEDDED);
  }, 300_000);
  afterAll(() => stack?.cleanup());

  it('replaces a named speaker with the pseudonym the text gets, and keeps neutral labels', async () => {
    const submission = aSubmission({
      title: 'Samtale om tiden etter innleggelsen',
      scopes: { public: true, clinicians: true, teaching: false, research: false, quote: false },
    });
    const segments = [
      { speaker: 'Intervjuer', start: 0, end: 4, text: 'Kan du fortelle litt om deg selv?' },
      { speaker: 'Ingrid', start: 4, end: 12, text: 'Jeg heter Ingrid Solberg og bor i Tromsø. Psykologen min, dr. Hansen, hjalp meg mye.' },
      { speaker: 'Intervjuer', start: 12, end: 15, text: 'Hva betydde det for deg?' },
      { speaker: 'Ingrid', start: 15, end: 22, text: 'At noen trodde på meg. Ingrid fra før innleggelsen fantes fortsatt.' },
    ];
    const { storyId } = await stack.runtime.contributions.submit(submission, { kind: 'interview', segments });
    const editor = 'staff:editor-interview-test';
    await stack.runtime.moderation.act(storyId, 'claim', editor);
    const review = await stack.runtime.moderation.review(storyId);
    const parts = review.personalData.filter((p) => typeof p.part === 'number' && p.marks.length > 0);
    expect(parts.map((p) => p.part)).toEqual(expect.arrayContaining([1, 3]));
    const after = await stack.runtime.moderation.deidentify(storyId, editor, {
      revision: review.story.revision,
      parts: parts.map((p) => ({ part: p.part, decisions: suggestDecisions(p.marks) })),
    });
    const written = JSON.stringify(after.story.segments);
    expect(written).not.toMatch(/Ingrid|Solberg|Hansen/);
    const ingrid = after.pseudonyms.find((p) => p.original === 'Ingrid' || p.original === 'Ingrid Solberg');
    expect(ingrid).toBeDefined();
    const speakers = after.story.segments!.map((s) => s.speaker);
    expect(speakers[0]).toBe('Intervjuer');
    expect(speakers[1]).not.toBe('Ingrid');
    expect(speakers[1]).toBe(speakers[3]);
    // The label is the same pseudonym the text uses for her.
    expect(after.story.segments![1]!.text).toContain(speakers[1]!);
  });
});
