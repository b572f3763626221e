import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkErasure } from '../../services/consent/erasure-check.js';
import type { Audience } from '../../services/consent/audience.js';
import type { Viewer, ViewerRole } from '../../services/consent/viewer.js';
import type { ContributionService } from '../../services/contributions/contribution.service.js';
import type { ReceiptCode } from '../../services/contributions/receipt-code.js';
import { createPostgresTextEngine } from '../../services/lexical/postgres-text.js';
import type { LexicalEngine } from '../../services/lexical/lexical-engine.js';
import { suggestDecisions } from '../../services/moderation/redaction.js';
import { RefusedError } from '../../services/platform/errors.js';
import { createChunkRepository } from '../../services/repositories/chunk.repository.js';
import { createPassageVectorRepository } from '../../services/repositories/passage-vector.repository.js';
import type { PassageFilter } from '../../services/search/passage-filter.js';
import { SEARCH_MODES, searchQuerySchema, type SearchMode } from '../../services/search/search.schema.js';
import type { Runtime } from '../../services/runtime.js';
import { CONSENT_TEXT_NB, aSubmission } from '../support/consent-fixtures.js';
import { EMBEDDED, FULL_STACK, openTestStack, type TestStack } from '../support/stack.js';

/**
 * The Consent issue's whole flow against the real services: a contributor submits a story
 * full of personal data, an editor de-identifies it, the contributor approves, clinicians
 * (and only they) find it, the contributor narrows consent (gone at once from every engine),
 * then withdraws everything — and nothing of it is left in any store.
 */

const EDITOR = 'editor-flow-test';

/** A fødselsnummer with valid mod-11 check digits, computed here (not taken from the detector). */
function validNationalId(datePart: string, individual: number): string {
  const w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
  const w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  for (let n = individual; n < individual + 100; n++) {
    const digits = [...`${datePart}${String(n).padStart(3, '0')}`].map(Number);
    const k1 = (11 - (w1.reduce((s, w, i) => s + w * digits[i]!, 0) % 11)) % 11;
    if (k1 === 10) continue;
    const k2 = (11 - (w2.reduce((s, w, i) => s + w * [...digits, k1][i]!, 0) % 11)) % 11;
    if (k2 === 10) continue;
    return `${datePart}${String(n).padStart(3, '0')}${k1}${k2}`;
  }
  throw new Error('no valid national id near that individual number');
}

const PERSON = { name: 'Kari Nordmann', phone: '912 34 567', email: 'kari.nordmann@example.no', nationalId: validNationalId('150387', 493) };
const TITLE = 'Akvarellmaling og veien ut av mørket';
/** Distinctive words: no other story in these stacks holds them. */
const QUERY = 'akvarellmaling pensel';
const BODY =
  `Jeg heter ${PERSON.name}. Etter innleggelsen begynte jeg med akvarellmaling, og penselen ble min måte å puste på. ` +
  `Ring meg gjerne på ${PERSON.phone} eller skriv til ${PERSON.email} om du vil vite mer. ` +
  `Fødselsnummeret mitt er ${PERSON.nationalId}, og det sto på alle papirene fra tvangsinnleggelsen.`;

const BYSTANDER_QUERY = 'turene langs elva';
const BYSTANDER_BODY = 'Turene langs elva om morgenen ga meg ro. Jeg gikk hver dag, uansett vær, til angsten slapp taket.';
const DISPLAY = { mode: 'pseudonym', name: 'Fjellrev' } as const;

const filterFor = (audiences: readonly Audience[]): PassageFilter => ({ audiences, themes: [], excludeWarnings: [] });
const viewer = (role: ViewerRole): Viewer => ({ role });

async function refusal(promise: Promise<unknown>): Promise<RefusedError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RefusedError) return error;
    throw error;
  }
  throw new Error('expected the service to refuse, but it did not');
}

/** What each engine says, for one story: every mode of the search service, and each engine alone. */
function probes(runtime: Runtime) {
  const vectors = createPassageVectorRepository(runtime.db);
  const model = runtime.embedder.profile.id;
  return {
    async searchFinds(storyId: string, role: ViewerRole, mode: SearchMode, q = QUERY): Promise<boolean> {
      const response = await runtime.search.search(searchQuerySchema.parse({ q, mode, limit: 50 }), viewer(role));
      return response.results.some((r) => r.story.id === storyId);
    },
    async lexicalFinds(engine: LexicalEngine, storyId: string, audiences: readonly Audience[]): Promise<boolean> {
      const hits = await engine.search({ text: QUERY, expansions: [], filter: filterFor(audiences), limit: 50 });
      return hits.some((h) => h.storyId === storyId);
    },
    async vectorFinds(vector: Float32Array, storyId: string, audiences: readonly Audience[]): Promise<boolean> {
      const hits = await vectors.nearest(vector, filterFor(audiences), { model, limit: 20, efSearch: 100 });
      return hits.some((h) => h.storyId === storyId);
    },
  };
}

async function storyVector(runtime: Runtime, storyId: string): Promise<{ ids: string[]; vector: Float32Array }> {
  const chunks = await createChunkRepository(runtime.db).forStoriesWithEmbeddings([storyId]);
  expect(chunks.length, 'the published story has passages with embeddings').toBeGreaterThan(0);
  return { ids: chunks.map((c) => c.id), vector: chunks[0]!.embedding };
}

async function submitAndPublishBystander(contributions: ContributionService, runtime: Runtime): Promise<string> {
  const { storyId } = await contributions.submit(
    aSubmission({ title: 'Turene langs elva', text: BYSTANDER_BODY, scopes: { public: true, clinicians: true, teaching: true, research: true, quote: false }, display: DISPLAY }),
    { kind: 'written', body: BYSTANDER_BODY },
  );
  await runtime.moderation.act(storyId, 'claim', EDITOR);
  await runtime.moderation.act(storyId, 'publish', EDITOR);
  return storyId;
}

describe('consent flow on the full stack (PostgreSQL server, Redis, Meilisearch, real model)', () => {
  let stack: TestStack;
  let runtime: Runtime;
  let pgText: LexicalEngine;
  beforeAll(async () => {
    stack = await openTestStack(FULL_STACK);
    runtime = stack.runtime;
    expect(runtime.lexical.kind).toBe('meilisearch');
    pgText = createPostgresTextEngine(runtime.db);
    await runtime.embedder.load();
  });
  afterAll(async () => stack?.cleanup());

  it('submit → de-identify → approve → clinicians only → narrow at once → withdraw → nothing left', { timeout: 240_000 }, async () => {
    const { contributions, moderation } = runtime;
    const probe = probes(runtime);
    const bystander = await submitAndPublishBystander(contributions, runtime);

    // --- submit: in the moderation queue, searchable by nobody
    const { storyId, receiptCode } = await contributions.submit(
      aSubmission({ title: TITLE, text: BODY, scopes: { public: false, clinicians: true, teaching: false, research: false, quote: false }, display: DISPLAY }),
      { kind: 'written', body: BODY },
    );
    expect(await contributions.resolve(receiptCode)).toBe(storyId);
    expect((await moderation.queue()).map((e) => e.id)).toContain(storyId);
    await runtime.queue.waitUntilIdle({ timeoutMs: 60_000 });
    for (const role of ['anonymous', 'clinician', 'educator', 'editor', 'admin'] as const) {
      for (const mode of SEARCH_MODES) expect(await probe.searchFinds(storyId, role, mode), `${role} ${mode} before publication`).toBe(false);
    }
    for (const engine of [runtime.lexical, pgText]) {
      expect(await probe.lexicalFinds(engine, storyId, ['public', 'clinicians', 'teaching', 'research']), `${engine.kind} before publication`).toBe(false);
    }

    // --- claim; the review marks the personal data
    await moderation.act(storyId, 'claim', EDITOR);
    const review = await moderation.review(storyId);
    const categories = new Set(review.personalData.flatMap((p) => p.marks.map((m) => m.category)));
    for (const category of ['national_id', 'phone', 'email', 'person'] as const) expect(categories, `marks ${category}`).toContain(category);

    // --- de-identify with the suggested decisions
    const edited = await moderation.deidentify(storyId, EDITOR, {
      revision: review.story.revision,
      parts: review.personalData.filter((p) => p.marks.length > 0).map((p) => ({ part: p.part, decisions: suggestDecisions(p.marks) })),
    });
    expect(edited.story.revision).toBe(review.story.revision + 1);
    const editedText = `${edited.story.title ?? ''}\n${edited.story.body ?? ''}`;
    for (const original of [PERSON.name, 'Kari', 'Nordmann', PERSON.phone, PERSON.email, PERSON.nationalId]) {
      expect(editedText, `the new revision still holds «${original}»`).not.toContain(original);
    }
    expect(edited.story.body).toContain('akvarellmaling');
    const originals = edited.pseudonyms.map((p) => p.original);
    expect(originals).toContain(PERSON.name);
    const pseudonym = edited.pseudonyms.find((p) => p.original === PERSON.name)!.replacement;
    expect(edited.story.body).toContain(pseudonym);

    // --- send for approval: the contributor sees the edited text; the editor cannot publish it
    await moderation.act(storyId, 'send_for_approval', EDITOR);
    const awaiting = await contributions.view(storyId);
    expect(awaiting.awaitingYourApproval).toBe(true);
    expect(awaiting.version.text).toBe(edited.story.body);
    expect(awaiting.version.revision).toBe(edited.story.revision);
    const publishRefused = await refusal(moderation.act(storyId, 'publish', EDITOR));
    expect(publishRefused.kind).toBe('conflict');

    // --- the contributor approves: published
    const approved = await contributions.approve(storyId, awaiting.version.revision);
    expect(approved.status).toBe('published');
    expect(approved.awaitingYourApproval).toBe(false);
    await runtime.queue.waitUntilIdle({ timeoutMs: 60_000 });

    // --- clinicians find it, anonymous and educators do not, in every mode and every engine
    for (const mode of SEARCH_MODES) {
      expect(await probe.searchFinds(storyId, 'clinician', mode), `clinician ${mode}`).toBe(true);
      expect(await probe.searchFinds(storyId, 'anonymous', mode), `anonymous ${mode}`).toBe(false);
      expect(await probe.searchFinds(storyId, 'educator', mode), `educator ${mode}`).toBe(false);
      expect(await probe.searchFinds(bystander, 'anonymous', mode, BYSTANDER_QUERY), `the bystander is public (${mode})`).toBe(true);
    }
    const { ids: chunkIds, vector } = await storyVector(runtime, storyId);
    for (const engine of [runtime.lexical, pgText]) {
      expect(await probe.lexicalFinds(engine, storyId, ['clinicians']), `${engine.kind}: clinicians`).toBe(true);
      for (const audience of ['public', 'teaching', 'research'] as const) expect(await probe.lexicalFinds(engine, storyId, [audience]), `${engine.kind}: ${audience}`).toBe(false);
    }
    expect(await probe.vectorFinds(vector, storyId, ['clinicians'])).toBe(true);
    for (const audience of ['public', 'teaching', 'research'] as const) expect(await probe.vectorFinds(vector, storyId, [audience]), `pgvector: ${audience}`).toBe(false);

    // --- narrow: clinicians off, teaching on. Teaching is new, so the consent text is needed.
    const narrowing = { public: false, clinicians: false, teaching: true, research: false, quote: false };
    const widenRefused = await refusal(contributions.changeConsent(storyId, { scopes: narrowing }));
    expect(widenRefused.kind).toBe('invalid');
    expect(widenRefused.message).toMatch(/consentText/);
    expect((await contributions.view(storyId)).consent.audience, 'a refused change changes nothing').toEqual(['clinicians']);
    const changed = await contributions.changeConsent(storyId, { scopes: narrowing, consentText: CONSENT_TEXT_NB });
    expect(changed.consent.audience).toEqual(['teaching']);

    // At once, without waiting for any job: clinicians see it nowhere.
    expect(await probe.lexicalFinds(runtime.lexical, storyId, ['clinicians']), 'Meilisearch, clinicians, at once').toBe(false);
    expect((await runtime.lexical.search({ text: QUERY, expansions: [], filter: filterFor(['clinicians']), limit: 50 })).filter((h) => h.storyId === storyId)).toEqual([]);
    expect(await probe.lexicalFinds(pgText, storyId, ['clinicians']), 'PostgreSQL full-text, clinicians, at once').toBe(false);
    expect(await probe.vectorFinds(vector, storyId, ['clinicians']), 'pgvector, clinicians, at once').toBe(false);
    for (const mode of SEARCH_MODES) expect(await probe.searchFinds(storyId, 'clinician', mode), `clinician ${mode}, at once`).toBe(false);
    // PostgreSQL's engines let teaching in at once; Meilisearch once the re-index has synced.
    expect(await probe.vectorFinds(vector, storyId, ['teaching'])).toBe(true);
    expect(await probe.lexicalFinds(pgText, storyId, ['teaching'])).toBe(true);
    await runtime.queue.waitUntilIdle({ timeoutMs: 60_000 });
    expect(await probe.lexicalFinds(runtime.lexical, storyId, ['teaching']), 'Meilisearch, teaching, after the re-index').toBe(true);
    expect(await probe.lexicalFinds(runtime.lexical, storyId, ['clinicians']), 'Meilisearch, clinicians, after the re-index').toBe(false);
    for (const mode of SEARCH_MODES) {
      expect(await probe.searchFinds(storyId, 'educator', mode), `educator ${mode}`).toBe(true);
      expect(await probe.searchFinds(storyId, 'clinician', mode), `clinician ${mode}`).toBe(false);
      expect(await probe.searchFinds(storyId, 'anonymous', mode), `anonymous ${mode}`).toBe(false);
    }

    // --- withdraw everything
    expect(await contributions.withdraw(storyId, 'all')).toEqual({ withdrawn: 'all' });
    expect(await contributions.resolve(receiptCode), 'the receipt code no longer opens anything').toBeUndefined();
    await runtime.queue.waitUntilIdle({ timeoutMs: 60_000 });
    const report = await checkErasure(runtime, storyId);
    expect(report.findings).toEqual([]);
    expect(report.verdict).toBe('erased');
    await expectNothingLeft(runtime, storyId, chunkIds, receiptCode);

    // The deleted embeddings never surface: neither through search's kNN nor a raw scan of chunks.
    const vectors = createPassageVectorRepository(runtime.db);
    const near = await vectors.nearest(vector, filterFor(['public', 'clinicians', 'teaching', 'research']), { model: runtime.embedder.profile.id, limit: 50, efSearch: 100 });
    expect(near.map((h) => h.storyId), 'the kNN still works: the bystander is there').toContain(bystander);
    expect(near.filter((h) => chunkIds.includes(h.passageId) || h.storyId === storyId)).toEqual([]);
    const raw = await runtime.db.query<{ id: string }>(`SELECT id FROM chunks ORDER BY embedding <=> $1::vector LIMIT 50`, [`[${[...vector].join(',')}]`]);
    expect(raw.rows.filter((r) => chunkIds.includes(r.id))).toEqual([]);

    // A second withdrawal is harmless: no error, still erased.
    expect(await contributions.withdraw(storyId, 'all')).toEqual({ withdrawn: 'all' });
    await runtime.queue.waitUntilIdle({ timeoutMs: 60_000 });
    expect((await checkErasure(runtime, storyId)).verdict).toBe('erased');
    expect(await refusal(contributions.view(storyId))).toMatchObject({ kind: 'not_found' });

    // --- the audit trail: a row for each step, none holding any of the story's words
    const audit = await runtime.db.query<Record<string, unknown>>(`SELECT * FROM audit_log WHERE subject_id = $1 ORDER BY id`, [storyId]);
    const actions = audit.rows.map((r) => r.action);
    for (const action of ['story.submitted', 'story.claimed', 'story.deidentified', 'story.sent_for_approval', 'story.approved', 'consent.changed', 'consent.withdrawn']) {
      expect(actions, `audit has ${action}`).toContain(action);
    }
    const forbidden = [TITLE, 'Akvarellmaling', 'akvarellmaling', PERSON.name, 'Nordmann', PERSON.phone, PERSON.phone.replaceAll(' ', ''), PERSON.email, PERSON.nationalId, pseudonym, 'Fjellrev', receiptCode];
    for (const row of audit.rows) {
      const json = JSON.stringify(row);
      for (const word of forbidden) expect(json, `audit row ${String(row.action)} holds «${word}»`).not.toContain(word);
    }

    // The bystander is untouched.
    for (const mode of SEARCH_MODES) expect(await probe.searchFinds(bystander, 'anonymous', mode, BYSTANDER_QUERY), `bystander ${mode}`).toBe(true);
  });
});

/** Our own look in every store, beside checkErasure's. */
async function expectNothingLeft(runtime: Runtime, storyId: string, chunkIds: readonly string[], receiptCode: ReceiptCode): Promise<void> {
  const count = async (sql: string, params: unknown[] = [storyId]) => Number((await runtime.db.query<{ n: number }>(sql, params)).rows[0]!.n);
  expect(await count(`SELECT count(*)::int AS n FROM chunks WHERE story_id = $1`), 'chunks').toBe(0);
  expect(await count(`SELECT count(*)::int AS n FROM chunks WHERE id = ANY($1::uuid[])`, [[...chunkIds]]), 'chunks by id').toBe(0);
  expect(await count(`SELECT count(*)::int AS n FROM story_revisions WHERE story_id = $1`), 'revisions').toBe(0);
  expect(await count(`SELECT count(*)::int AS n FROM story_pseudonyms WHERE story_id = $1`), 'pseudonyms').toBe(0);
  expect(await count(`SELECT count(*)::int AS n FROM story_themes WHERE story_id = $1`), 'themes').toBe(0);
  expect(await runtime.lexical.passageIds(storyId), 'Meilisearch documents').toEqual([]);
  const jobs = await runtime.queue.jobsNaming(storyId);
  expect(jobs.filter((j) => !(j.name === 'purge-story' && j.state === 'completed')), 'queue jobs other than the completed purge').toEqual([]);

  const story = (await runtime.db.query<Record<string, unknown>>(`SELECT * FROM stories WHERE id = $1`, [storyId])).rows[0]!;
  expect(story.status).toBe('withdrawn');
  for (const field of ['title', 'body', 'segments', 'display_name', 'content_sha256', 'rejection_reason']) expect(story[field], `stories.${field}`).toBeNull();

  const receipts = (await runtime.db.query<Record<string, unknown>>(`SELECT * FROM consent_receipts WHERE story_id = $1`, [storyId])).rows;
  expect(receipts, 'one receipt row, no history').toHaveLength(1);
  const receipt = receipts[0]!;
  expect(receipt.withdrawn_at).toBeInstanceOf(Date);
  expect(receipt.withdrawn_scopes).toEqual(expect.arrayContaining(['teaching']));
  for (const field of ['consent_text_version', 'consent_text_sha256', 'display_mode', 'given_at', 'receipt_code_hash', 'superseded_at']) {
    expect(receipt[field], `consent_receipts.${field}`).toBeNull();
  }
  expect(JSON.stringify(receipts)).not.toContain(receiptCode);
  expect(await runtime.contributions.resolve(receiptCode)).toBeUndefined();
}

describe('consent flow on the embedded stack (PGlite, PostgreSQL full-text, in-process queue)', () => {
  let stack: TestStack;
  let runtime: Runtime;
  beforeAll(async () => {
    stack = await openTestStack(EMBEDDED);
    runtime = stack.runtime;
    expect(runtime.lexical.kind).toBe('postgres');
    await runtime.embedder.load();
  });
  afterAll(async () => stack?.cleanup());

  it('publish → clinicians only → narrow at once → withdraw → erased', { timeout: 180_000 }, async () => {
    const { contributions, moderation } = runtime;
    const probe = probes(runtime);
    const { storyId, receiptCode } = await contributions.submit(
      aSubmission({ title: TITLE, text: BODY, scopes: { public: false, clinicians: true, teaching: false, research: false, quote: false }, display: DISPLAY }),
      { kind: 'written', body: BODY },
    );
    await moderation.act(storyId, 'claim', EDITOR);
    const review = await moderation.review(storyId);
    await moderation.deidentify(storyId, EDITOR, {
      revision: review.story.revision,
      parts: review.personalData.filter((p) => p.marks.length > 0).map((p) => ({ part: p.part, decisions: suggestDecisions(p.marks) })),
    });
    await moderation.act(storyId, 'send_for_approval', EDITOR);
    expect((await refusal(moderation.act(storyId, 'publish', EDITOR))).kind).toBe('conflict');
    const view = await contributions.view(storyId);
    expect(view.version.text).not.toContain(PERSON.phone);
    await contributions.approve(storyId, view.version.revision);
    await runtime.queue.waitUntilIdle({ timeoutMs: 60_000 });

    for (const mode of SEARCH_MODES) {
      expect(await probe.searchFinds(storyId, 'clinician', mode), `clinician ${mode}`).toBe(true);
      expect(await probe.searchFinds(storyId, 'anonymous', mode), `anonymous ${mode}`).toBe(false);
      expect(await probe.searchFinds(storyId, 'educator', mode), `educator ${mode}`).toBe(false);
    }
    const { ids: chunkIds, vector } = await storyVector(runtime, storyId);

    await contributions.changeConsent(storyId, { scopes: { public: false, clinicians: false, teaching: true, research: false, quote: false }, consentText: CONSENT_TEXT_NB });
    expect(await probe.lexicalFinds(runtime.lexical, storyId, ['clinicians']), 'PostgreSQL full-text, clinicians, at once').toBe(false);
    expect(await probe.vectorFinds(vector, storyId, ['clinicians']), 'pgvector, clinicians, at once').toBe(false);
    expect(await probe.lexicalFinds(runtime.lexical, storyId, ['teaching'])).toBe(true);

    await contributions.withdraw(storyId, 'all');
    await runtime.queue.waitUntilIdle({ timeoutMs: 60_000 });
    const report = await checkErasure(runtime, storyId);
    expect(report.findings).toEqual([]);
    expect(report.verdict).toBe('erased');
    await expectNothingLeft(runtime, storyId, chunkIds, receiptCode);
    expect(await contributions.withdraw(storyId, 'all'), 'a second withdrawal is harmless').toEqual({ withdrawn: 'all' });
    await runtime.queue.waitUntilIdle({ timeoutMs: 60_000 });
    expect((await checkErasure(runtime, storyId)).findings).toEqual([]);
  });
});
