import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmittedContent } from '../../services/contributions/contribution.service.js';
import type { Runtime } from '../../services/runtime.js';
import { CONSENT_TEXT_NB, aSubmission, type Scopes } from '../support/consent-fixtures.js';
import { EMBEDDED, FULL_STACK, openTestStack, type TestStack } from '../support/stack.js';
import { PASSWORDS, addUserViaCli, asSession, emailOf, signInOverHttp, startApi, type HttpSession, type RunningApi } from '../support/staff-http.js';

/**
 * Educators' collections over real HTTP, with real staff sessions and real stories (submitted
 * and published through the contribution and moderation services): ownership, the teaching
 * rule on add, consent changes that hide items at once in the collection and its handout,
 * withdrawal that deletes them, quotation consent in the export, and escaping in both formats.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field below
type Body = Record<string, any>;

const TEACHING_AND_QUOTE: Scopes = { public: true, clinicians: false, teaching: true, research: false, quote: true };
const HOSTILE = '<script>alert("levd")</script>';

interface Story {
  readonly id: string;
  /** The story's text as the story page returns it (what offsets index). */
  readonly text: string;
}

/** Submits through the contribution service and publishes through moderation, as an editor would. */
async function publishStory(
  runtime: Runtime,
  options: { title: string; content: SubmittedContent; scopes: Scopes; display?: { mode: 'pseudonym'; name: string } | { mode: 'anonymous' } },
): Promise<Story> {
  const submission = aSubmission({
    title: options.title,
    scopes: options.scopes,
    ...(options.content.kind === 'written' ? { text: options.content.body } : {}),
    ...(options.display ? { display: options.display } : {}),
  });
  const { storyId } = await runtime.contributions.submit(submission, options.content);
  await runtime.moderation.act(storyId, 'claim', 'staff:test');
  await runtime.moderation.act(storyId, 'publish', 'staff:test');
  // Indexing runs in this process on the embedded stack: let it finish, so it does not stall the requests that follow.
  await runtime.queue.waitUntilIdle({ timeoutMs: 120_000 });
  const page = await runtime.stories.get(storyId, { role: 'admin' });
  return { id: storyId, text: page!.story.text };
}

function written(body: string): SubmittedContent {
  return { kind: 'written', body };
}

async function json(res: Response): Promise<Body> {
  return (await res.json()) as Body;
}

describe('collections over HTTP (embedded stack)', () => {
  let stack: TestStack;
  let api: RunningApi & { server: Server };
  let educator: HttpSession;
  let otherEducator: HttpSession;
  let clinician: HttpSession;
  let admin: HttpSession;
  let teaching: Story;

  const call = (session: HttpSession | undefined, method: string, path: string, options: { body?: unknown; csrf?: 'send' | 'omit'; headers?: Record<string, string> } = {}) =>
    asSession(api.base, session, method, path, options);
  const ok = async (res: Response, status = 200): Promise<Body> => {
    const body = await json(res);
    expect(res.status, JSON.stringify(body)).toBe(status);
    return body;
  };
  const newCollection = async (session = educator, title = 'Tvang og tillit') =>
    ok(await call(session, 'POST', '/api/collections', { body: { title, description: 'Til seminaret' } }), 201);
  const addItem = (collectionId: string, item: Body, session = educator) => call(session, 'POST', `/api/collections/${collectionId}/items`, { body: item });
  const handout = (collectionId: string, format: 'md' | 'html', lang = 'nb', session = educator) =>
    call(session, 'GET', `/api/collections/${collectionId}/handout?format=${format}&lang=${lang}`);

  beforeAll(async () => {
    stack = await openTestStack(EMBEDDED);
    for (const role of ['educator', 'clinician', 'admin'] as const) await addUserViaCli(stack.runtime.auth, role, emailOf(role));
    await addUserViaCli(stack.runtime.auth, 'educator', emailOf('educator', 'other'));
    api = await startApi(stack.runtime, stack.runtime.readiness);
    // Node's 5 s default races the client's reuse of an idle socket (ECONNRESET) when a step in between takes that long.
    api.server.keepAliveTimeout = 120_000;
    educator = await signInOverHttp(api.base, emailOf('educator'), PASSWORDS.educator);
    otherEducator = await signInOverHttp(api.base, emailOf('educator', 'other'), PASSWORDS.educator);
    clinician = await signInOverHttp(api.base, emailOf('clinician'), PASSWORDS.clinician);
    admin = await signInOverHttp(api.base, emailOf('admin'), PASSWORDS.admin);
    teaching = await publishStory(stack.runtime, {
      title: 'Veien tilbake',
      content: written('Det første året var det ingen som spurte.\n\nSå spurte en sykepleier hva som hadde hjulpet før, og vi la en plan sammen.'),
      scopes: TEACHING_AND_QUOTE,
      display: { mode: 'pseudonym', name: 'Fjellrev' },
    });
  }, 300_000);

  afterAll(async () => {
    await api?.close();
    await stack?.cleanup();
  });

  it('creates, lists, reads, renames and deletes a collection, auditing creation and deletion by id', async () => {
    const created = await newCollection();
    expect(created).toMatchObject({ title: 'Tvang og tillit', description: 'Til seminaret', itemCount: 0, items: [] });
    const listed = await ok(await call(educator, 'GET', '/api/collections'));
    expect(listed.collections.map((c: Body) => c.id)).toContain(created.id);
    const renamed = await ok(await call(educator, 'PATCH', `/api/collections/${created.id}`, { body: { title: '  Tvang, tillit og håp ' } }));
    expect(renamed).toMatchObject({ id: created.id, title: 'Tvang, tillit og håp', description: 'Til seminaret' });
    // Every change marks the collection as changed (the list is most recently changed first).
    expect(Date.parse(renamed.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
    expect((await ok(await call(educator, 'GET', `/api/collections/${created.id}`))).title).toBe('Tvang, tillit og håp');
    expect(await ok(await call(educator, 'DELETE', `/api/collections/${created.id}`))).toEqual({ deleted: created.id });
    expect((await call(educator, 'GET', `/api/collections/${created.id}`)).status).toBe(404);
    const audit = await stack.runtime.db.query<{ action: string; actor: string; details: Body }>(
      `SELECT action, actor, details FROM audit_log WHERE subject_type = 'collection' AND subject_id = $1 ORDER BY id`,
      [created.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['collection.created', 'collection.deleted']);
    expect(audit.rows[0]!.actor).toMatch(/^staff:[0-9a-f-]{36}$/);
    expect(JSON.stringify(audit.rows)).not.toMatch(/Tvang|seminaret/);
  });

  it('refuses bad input with a 400 that names the field, and stores nothing', async () => {
    const before = await stack.runtime.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM collections`);
    for (const [body, field] of [
      [{ title: '' }, 'title'],
      [{ title: '   ' }, 'title'],
      [{ title: 'x'.repeat(201) }, 'title'],
      [{ title: 'Ok', description: 7 }, 'description'],
      [{ title: 'Ok', owner: 'someone' }, 'owner'],
    ] as const) {
      const res = await call(educator, 'POST', '/api/collections', { body });
      const out = await json(res);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(out.error.message).toContain(field);
    }
    expect((await stack.runtime.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM collections`)).rows[0]!.n).toBe(before.rows[0]!.n);
    const { id } = await newCollection();
    for (const [body, field] of [
      [{ storyId: 'nope', startChar: 0, endChar: 5 }, 'storyId'],
      [{ storyId: teaching.id, startChar: 5, endChar: 5 }, 'endChar'],
      [{ storyId: teaching.id, startChar: -1, endChar: 5 }, 'startChar'],
      [{ storyId: teaching.id, startChar: 0.5, endChar: 5 }, 'startChar'],
      [{ storyId: teaching.id, startChar: 0, endChar: teaching.text.length + 1 }, 'endChar'],
      [{ storyId: teaching.id, startChar: 0, endChar: 5, note: 'x'.repeat(2001) }, 'note'],
    ] as const) {
      const res = await addItem(id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await json(res)).error.message).toContain(field);
    }
    expect((await call(educator, 'GET', '/api/collections/not-a-uuid')).status).toBe(400);
    expect((await call(educator, 'PATCH', `/api/collections/${id}`, { body: {} })).status).toBe(400);
    expect((await ok(await call(educator, 'GET', `/api/collections/${id}`))).items).toEqual([]);
  });

  it('keeps each collection to its owner: another educator gets 404 everywhere, a clinician 403, no one signed in 401', async () => {
    const { id } = await newCollection();
    const item = await ok(await addItem(id, { storyId: teaching.id, startChar: 0, endChar: 10 }), 201);
    const itemId = item.items[0].id as string;
    const attempts: Array<[string, string, Body?]> = [
      ['GET', `/api/collections/${id}`],
      ['PATCH', `/api/collections/${id}`, { title: 'Mitt nå' }],
      ['DELETE', `/api/collections/${id}`],
      ['POST', `/api/collections/${id}/items`, { storyId: teaching.id, startChar: 0, endChar: 10 }],
      ['PATCH', `/api/collections/${id}/items/${itemId}`, { note: 'kapret' }],
      ['DELETE', `/api/collections/${id}/items/${itemId}`],
      ['PUT', `/api/collections/${id}/order`, { itemIds: [itemId] }],
      ['GET', `/api/collections/${id}/handout?format=md`],
    ];
    for (const [method, path, body] of attempts) {
      expect((await call(otherEducator, method, path, body ? { body } : {})).status, `${method} ${path}`).toBe(404);
      expect((await call(clinician, method, path, body ? { body } : {})).status, `${method} ${path}`).toBe(403);
      expect((await call(undefined, method, path, body ? { body } : {})).status, `${method} ${path}`).toBe(401);
    }
    expect((await ok(await call(otherEducator, 'GET', '/api/collections'))).collections.map((c: Body) => c.id)).not.toContain(id);
    // Untouched by all of that.
    expect(await ok(await call(educator, 'GET', `/api/collections/${id}`))).toMatchObject({ title: 'Tvang og tillit', items: [{ id: itemId, note: '' }] });
  });

  it('refuses a change sent without the session\'s CSRF token', async () => {
    const res = await call(educator, 'POST', '/api/collections', { body: { title: 'Uten token' }, csrf: 'omit' });
    expect(res.status).toBe(403);
    expect((await json(res)).error.message).toMatch(/X-CSRF-Token/);
    const wrong = await asSession(api.base, { ...educator, csrfToken: 'x'.repeat(43) }, 'POST', '/api/collections', { body: { title: 'Feil token' } });
    expect(wrong.status).toBe(403);
    expect((await ok(await call(educator, 'GET', '/api/collections'))).collections.map((c: Body) => c.title)).not.toContain('Uten token');
  });

  it('adds only passages of stories whose teller consented to teaching; others are refused, unknown ones not found', async () => {
    const publicOnly = await publishStory(stack.runtime, {
      title: 'Bare for alle',
      content: written('En historie som bare kan leses på nettet, ikke brukes i undervisning.'),
      scopes: { public: true, clinicians: false, teaching: false, research: false, quote: true },
    });
    const cliniciansOnly = await publishStory(stack.runtime, {
      title: 'Bare for klinikere',
      content: written('En historie som bare klinikere kan lese.'),
      scopes: { public: false, clinicians: true, teaching: false, research: false, quote: false },
    });
    const { id } = await newCollection();
    const refused = await addItem(id, { storyId: publicOnly.id, startChar: 0, endChar: 10 });
    expect(refused.status).toBe(409);
    expect((await json(refused)).error.message).toMatch(/not consented to teaching use/);
    // A story the educator may not read at all is not even named as existing...
    expect((await addItem(id, { storyId: cliniciansOnly.id, startChar: 0, endChar: 10 })).status).toBe(404);
    expect((await addItem(id, { storyId: '0b7f5c3e-8a7d-4c55-9a53-2f0f3c1d9e21', startChar: 0, endChar: 10 })).status).toBe(404);
    // ...while an admin, who may read it, is told why.
    const { id: adminCollection } = await newCollection(admin);
    expect((await addItem(adminCollection, { storyId: cliniciansOnly.id, startChar: 0, endChar: 10 }, admin)).status).toBe(409);
    expect((await ok(await call(educator, 'GET', `/api/collections/${id}`))).items).toEqual([]);
  });

  it('keeps ranges into the story page\'s text, interviews included, and annotates, reorders and removes items', async () => {
    const interview = await publishStory(stack.runtime, {
      title: 'Samtale om bolig',
      content: {
        kind: 'interview',
        segments: [
          { speaker: 'Intervjuer', text: 'Hva betydde det å få egen leilighet?' },
          { speaker: 'Deltaker', text: 'Det var første gang jeg hadde en dør å låse selv.' },
        ],
      },
      scopes: TEACHING_AND_QUOTE,
    });
    const answer = 'Det var første gang jeg hadde en dør å låse selv.';
    const at = interview.text.indexOf(answer);
    expect(at).toBeGreaterThan(0);
    const { id } = await newCollection();
    await ok(await addItem(id, { storyId: teaching.id, startChar: 0, endChar: 11, note: 'Start her' }), 201);
    await ok(await addItem(id, { storyId: interview.id, startChar: at, endChar: at + answer.length }), 201);
    const end = teaching.text.length;
    const all = await ok(await addItem(id, { storyId: teaching.id, startChar: end - 12, endChar: end }), 201);
    expect(all.items.map((i: Body) => [i.text, i.position])).toEqual([
      [teaching.text.slice(0, 11), 0],
      [answer, 1],
      [teaching.text.slice(end - 12), 2],
    ]);
    expect(all.items[1]).toMatchObject({ storyId: interview.id, storyTitle: 'Samtale om bolig', displayName: null, quoteAllowed: true, storyRevised: false });
    expect(all.items[0]).toMatchObject({ storyTitle: 'Veien tilbake', displayName: 'Fjellrev', note: 'Start her' });
    expect(Array.isArray(all.items[0].themes)).toBe(true);
    expect(all.itemCount).toBe(3);
    // The stored row holds the range, not the text.
    const { rows } = await stack.runtime.db.query<Body>(`SELECT * FROM collection_items WHERE collection_id = $1`, [id]);
    expect(Object.keys(rows[0]!)).not.toContain('text');
    expect(JSON.stringify(rows)).not.toContain(answer);

    const ids = all.items.map((i: Body) => i.id as string);
    const reordered = await ok(await call(educator, 'PUT', `/api/collections/${id}/order`, { body: { itemIds: [ids[2], ids[0], ids[1]] } }));
    expect(reordered.items.map((i: Body) => [i.id, i.position])).toEqual([[ids[2], 0], [ids[0], 1], [ids[1], 2]]);
    for (const [itemIds, why] of [
      [[ids[2], ids[0]], /itemIds: .*leaves out 1 /],
      [[ids[2], ids[0], ids[1], ids[1]], /itemIds: must not name an item twice/],
      [[ids[0], ids[1], ids[2], '0b7f5c3e-8a7d-4c55-9a53-2f0f3c1d9e21'], /itemIds: .*names 1 id\(s\) that are not items/],
    ] as const) {
      const res = await call(educator, 'PUT', `/api/collections/${id}/order`, { body: { itemIds } });
      expect(res.status, JSON.stringify(itemIds)).toBe(400);
      expect((await json(res)).error.message).toMatch(why);
    }
    // A refused order changed nothing.
    expect((await ok(await call(educator, 'GET', `/api/collections/${id}`))).items.map((i: Body) => i.id)).toEqual([ids[2], ids[0], ids[1]]);
    const noted = await ok(await call(educator, 'PATCH', `/api/collections/${id}/items/${ids[1]}`, { body: { note: 'Spør om nøkkelen' } }));
    expect(noted.items.find((i: Body) => i.id === ids[1]).note).toBe('Spør om nøkkelen');
    const removed = await ok(await call(educator, 'DELETE', `/api/collections/${id}/items/${ids[0]}`));
    expect(removed.items.map((i: Body) => i.id)).toEqual([ids[2], ids[1]]);
    expect((await call(educator, 'DELETE', `/api/collections/${id}/items/${ids[0]}`)).status).toBe(404);
  });

  it('hides an item at once when its teller narrows consent, in the collection and its handout, and shows it again when they widen it', async () => {
    const story = await publishStory(stack.runtime, {
      title: 'Når det snudde',
      content: written('Vendepunktet kom en tirsdag, da noen ringte tilbake.'),
      scopes: TEACHING_AND_QUOTE,
    });
    const { id } = await newCollection();
    await ok(await addItem(id, { storyId: teaching.id, startChar: 0, endChar: 10 }), 201);
    const added = await ok(await addItem(id, { storyId: story.id, startChar: 0, endChar: 12 }), 201);
    const hiddenId: string = added.items.find((i: Body) => i.storyId === story.id).id;
    expect((await handout(id, 'md').then((r) => r.text()))).toContain('Når det snudde');

    await stack.runtime.contributions.changeConsent(story.id, { scopes: { ...TEACHING_AND_QUOTE, teaching: false } });
    const narrowed = await ok(await call(educator, 'GET', `/api/collections/${id}`));
    expect(narrowed.items.map((i: Body) => i.storyId)).toEqual([teaching.id]);
    expect(narrowed.itemCount).toBe(1);
    // A hidden item answers like a missing one to a change; the visible one still takes its note.
    expect((await call(educator, 'PATCH', `/api/collections/${id}/items/${hiddenId}`, { body: { note: 'skjult' } })).status).toBe(404);
    expect((await call(educator, 'DELETE', `/api/collections/${id}/items/${hiddenId}`)).status).toBe(404);
    const noted = await ok(await call(educator, 'PATCH', `/api/collections/${id}/items/${narrowed.items[0].id}`, { body: { note: 'synlig' } }));
    expect(noted.items.map((i: Body) => i.note)).toEqual(['synlig']);
    expect((await stack.runtime.db.query(`SELECT note FROM collection_items WHERE id = $1`, [hiddenId])).rows).toEqual([{ note: '' }]);
    for (const format of ['md', 'html'] as const) {
      const text = await (await handout(id, format)).text();
      expect(text).not.toContain('Når det snudde');
      expect(text).not.toContain('Vendepunktet');
      expect(text).toContain('Veien tilbake');
    }
    // Ordering speaks only of what the educator sees; the hidden item stays, after the rest.
    await ok(await call(educator, 'PUT', `/api/collections/${id}/order`, { body: { itemIds: [narrowed.items[0].id] } }));
    expect((await stack.runtime.db.query(`SELECT 1 FROM collection_items WHERE story_id = $1`, [story.id])).rowCount).toBe(1);

    await stack.runtime.contributions.changeConsent(story.id, { scopes: TEACHING_AND_QUOTE, consentText: CONSENT_TEXT_NB });
    const widened = await ok(await call(educator, 'GET', `/api/collections/${id}`));
    expect(widened.items.map((i: Body) => i.storyId)).toEqual([teaching.id, story.id]);
  });

  it('deletes the items of a withdrawn story', async () => {
    const story = await publishStory(stack.runtime, {
      title: 'Trekkes tilbake',
      content: written('Dette er en historie som snart blir trukket tilbake.'),
      scopes: TEACHING_AND_QUOTE,
    });
    const { id } = await newCollection();
    await ok(await addItem(id, { storyId: story.id, startChar: 0, endChar: 4 }), 201);
    await stack.runtime.contributions.withdraw(story.id, 'all');
    expect((await stack.runtime.db.query(`SELECT 1 FROM collection_items WHERE story_id = $1`, [story.id])).rowCount).toBe(0);
    expect((await ok(await call(educator, 'GET', `/api/collections/${id}`))).items).toEqual([]);
    expect(await (await handout(id, 'md')).text()).not.toContain('Trekkes tilbake');
    expect((await addItem(id, { storyId: story.id, startChar: 0, endChar: 4 })).status).toBe(404);
  });

  it('exports no passage text of a story whose teller did not consent to quotation (the API read still shows it to the educator)', async () => {
    const passage = 'Ordene her skal ikke siteres ordrett i noe hefte.';
    const story = await publishStory(stack.runtime, {
      title: 'Ikke siter meg',
      content: written(passage),
      scopes: { ...TEACHING_AND_QUOTE, quote: false },
      display: { mode: 'pseudonym', name: 'Havørn' },
    });
    const { id } = await newCollection();
    const view = await ok(await addItem(id, { storyId: story.id, startChar: 0, endChar: passage.length, note: 'Diskuter uten sitat' }), 201);
    expect(view.items[0]).toMatchObject({ text: passage, quoteAllowed: false });
    for (const [format, lang, line] of [
      ['md', 'nb', 'Fortelleren har ikke samtykket til ordrett sitering'],
      ['html', 'en', 'The teller did not consent to verbatim quotation'],
    ] as const) {
      const text = await (await handout(id, format, lang)).text();
      expect(text).not.toContain('Ordene her');
      expect(text).toContain(line);
      expect(text).toContain('Ikke siter meg');
      expect(text).toContain('Havørn');
      expect(text).toContain('Diskuter uten sitat');
      expect(text).toContain(`/stories/${story.id}`);
    }
  });

  it('exports HTML as an attachment with a strict CSP, escaping a story with <script> in it', async () => {
    const story = await publishStory(stack.runtime, {
      title: `Tittel ${HOSTILE}`,
      content: written(`Før ${HOSTILE} etter. <img src=x onerror=alert(1)>`),
      scopes: TEACHING_AND_QUOTE,
      display: { mode: 'pseudonym', name: '<b>Navn</b>' },
    });
    const { id } = await newCollection(educator, `Samling ${HOSTILE}`);
    await ok(await addItem(id, { storyId: story.id, startChar: 0, endChar: story.text.length, note: HOSTILE }), 201);
    const res = await handout(id, 'html', 'en');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="samling-script-alert-levd-script\.html"$/);
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<meta http-equiv="Content-Security-Policy"');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('Før &lt;script&gt;alert(&quot;levd&quot;)&lt;/script&gt; etter.');
    expect(html).toContain('Told by &lt;b&gt;Navn&lt;/b&gt;');
    expect(html).toContain(`<a href="${api.base}/stories/${story.id}">`);
    expect(html).toMatch(/About consent/);
    const exported = await stack.runtime.db.query<{ details: Body }>(
      `SELECT details FROM audit_log WHERE subject_type = 'collection' AND subject_id = $1 AND action = 'collection.exported'`,
      [id],
    );
    expect(exported.rows.map((r) => r.details)).toEqual([{ format: 'html', lang: 'en', items: 1 }]);
  });

  it('exports Markdown with every markup character escaped, or JSON when asked for it', async () => {
    const story = await publishStory(stack.runtime, {
      title: '*Fet* [lenke](javascript:alert(1))',
      content: written(`# Ikke en overskrift\n- ikke en liste\n${HOSTILE} og _dette_`),
      scopes: TEACHING_AND_QUOTE,
    });
    const { id } = await newCollection(educator, 'Markdown');
    await ok(await addItem(id, { storyId: story.id, startChar: 0, endChar: story.text.length }), 201);
    const res = await handout(id, 'md');
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="markdown.md"');
    const md = await res.text();
    expect(md).toContain('## 1\\. \\*Fet\\* \\[lenke\\]\\(javascript:alert\\(1\\)\\)');
    expect(md).toContain('> \\# Ikke en overskrift\n> \\- ikke en liste\n> \\<script\\>');
    expect(md).toContain('\\_dette\\_');
    // The story's own lines (the quote) hold no markup character that is not escaped.
    for (const line of md.split('\n').filter((l) => l.startsWith('> '))) expect(line.slice(2)).not.toMatch(/(?<!\\)[<>*_[\]()#`]/);
    expect(md).toContain('*Anonym*');
    expect(md).toMatch(/## Om samtykke/);
    const preview = await ok(await call(educator, 'GET', `/api/collections/${id}/handout?format=md&lang=en`, { headers: { Accept: 'application/json' } }));
    expect(preview).toMatchObject({ filename: 'markdown.md', contentType: 'text/markdown; charset=utf-8' });
    expect(preview.content).toContain('*Anonymous*');
    const bad = await call(educator, 'GET', `/api/collections/${id}/handout?format=pdf`);
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.message).toMatch(/format/);
  });

});

describe('collections over HTTP (full stack: PostgreSQL server, Redis, Meilisearch)', () => {
  let stack: TestStack;
  let api: RunningApi & { server: Server };

  beforeAll(async () => {
    stack = await openTestStack(FULL_STACK);
    await addUserViaCli(stack.runtime.auth, 'educator', emailOf('educator'));
    api = await startApi(stack.runtime, stack.runtime.readiness);
    api.server.keepAliveTimeout = 120_000;
  }, 300_000);

  afterAll(async () => {
    await api?.close();
    await stack?.cleanup();
  });

  it('collects a passage, hides it when teaching is withdrawn, and exports what is left', async () => {
    const educator = await signInOverHttp(api.base, emailOf('educator'), PASSWORDS.educator);
    const kept = await publishStory(stack.runtime, { title: 'Blir med', content: written('Dette utdraget blir med i heftet.'), scopes: TEACHING_AND_QUOTE });
    const narrowed = await publishStory(stack.runtime, { title: 'Faller ut', content: written('Dette utdraget faller ut av heftet.'), scopes: TEACHING_AND_QUOTE });
    const created = await asSession(api.base, educator, 'POST', '/api/collections', { body: { title: 'Fullt oppsett' } });
    expect(created.status).toBe(201);
    const { id } = await json(created);
    for (const story of [kept, narrowed]) {
      const res = await asSession(api.base, educator, 'POST', `/api/collections/${id}/items`, { body: { storyId: story.id, startChar: 0, endChar: story.text.length } });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    await stack.runtime.contributions.withdraw(narrowed.id, ['teaching']);
    const view = await json(await asSession(api.base, educator, 'GET', `/api/collections/${id}`));
    expect(view.items.map((i: Body) => i.storyId)).toEqual([kept.id]);
    const res = await asSession(api.base, educator, 'GET', `/api/collections/${id}/handout?format=html&lang=nb`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Dette utdraget blir med i heftet.');
    expect(html).not.toContain('faller ut');
  });
});
