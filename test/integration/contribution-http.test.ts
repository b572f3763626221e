import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkErasure } from '../../services/consent/erasure-check.js';
import { suggestDecisions } from '../../services/moderation/redaction.js';
import type { PiiMark } from '../../services/moderation/pii/pii.js';
import type { Runtime } from '../../services/runtime.js';
import { validNationalId } from '../support/consent-fixtures.js';
import { EMBEDDED, FULL_STACK, openTestStack, type TestStack } from '../support/stack.js';
import { PASSWORDS, addUserViaCli, asSession, emailOf, signInOverHttp, startApi, type HttpSession, type RunningApi } from '../support/staff-http.js';

/**
 * Contributions and moderation over real HTTP against the real services: every kind of bad
 * input is a 4xx whose message names the problem and leaves nothing stored; the receipt code
 * opens exactly one story, wrong ones are slowed down and limited; editors de-identify and
 * send for approval; the contributor approves; a withdrawal erases the story from every store.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field below
type Body = Record<string, any>;
type Scopes = Record<'public' | 'clinicians' | 'teaching' | 'research' | 'quote', boolean>;
interface ConsentTextRef {
  readonly version: string;
  readonly language: 'nb';
  readonly sha256: string;
}

const RECEIPT_CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;
/** Well-formed, but (with 100 random bits per code) opens nothing. */
const WRONG_CODE = 'K7QH-2M9D-XW4R-T8NB-3JCF';
const LIMITS = { maxChars: 2_000, uploadMaxBytes: 4_096, perHour: 3, receiptAttempts: 5 };
const ALL_SCOPES: Scopes = { public: true, clinicians: true, teaching: true, research: true, quote: false };

/**
 * Each request comes "from" its own client address (app.ts trusts X-Forwarded-For from loopback),
 * so the per-address limits only meet where a test means them to.
 */
let addresses = 0;
function freshAddress(): string {
  const n = addresses++;
  const nets = ['192.0.2', '198.51.100', '203.0.113'];
  return `${nets[Math.floor(n / 254) % nets.length]}.${(n % 254) + 1}`;
}

/** An HTTP client for one running API and its stack. */
function client(stack: () => TestStack, api: () => RunningApi) {
  let consent: ConsentTextRef | undefined;
  const self = {
    async consentText(): Promise<ConsentTextRef> {
      if (consent) return consent;
      const res = await fetch(`${api().base}/api/consent-texts/current?lang=nb`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Body;
      consent = { version: body.version, language: 'nb', sha256: body.sha256 };
      return consent;
    },
    async submission(overrides: Body = {}, scopes: Scopes = ALL_SCOPES): Promise<Body> {
      return {
        title: 'Veien tilbake',
        language: 'nb',
        text: 'Det som hjalp meg mest var at noen på jobben spurte hvordan jeg egentlig hadde det.',
        themes: ['vendepunkt-og-hap'],
        consent: { ...scopes, ...(await self.consentText()) },
        display: { mode: 'pseudonym', name: 'Fjellrev' },
        ...overrides,
      };
    },
    async post(body: unknown, options: { ip?: string; contentType?: string; raw?: string } = {}) {
      const res = await fetch(`${api().base}/api/submissions`, {
        method: 'POST',
        headers: { 'Content-Type': options.contentType ?? 'application/json', 'X-Forwarded-For': options.ip ?? freshAddress() },
        body: options.raw ?? JSON.stringify(body),
      });
      return { res, body: (await res.json()) as Body };
    },
    async postForm(form: FormData, ip = freshAddress()) {
      const res = await fetch(`${api().base}/api/submissions`, { method: 'POST', headers: { 'X-Forwarded-For': ip }, body: form });
      return { res, body: (await res.json()) as Body };
    },
    /** Submits and returns the story id and receipt code; fails the test unless it is a 201. */
    async submit(overrides: Body = {}, scopes: Scopes = ALL_SCOPES): Promise<{ storyId: string; code: string }> {
      const { res, body } = await self.post(await self.submission(overrides, scopes));
      expect(res.status, JSON.stringify(body)).toBe(201);
      return { storyId: body.storyId, code: body.receiptCode };
    },
    async contributor(method: string, path: string, code: string | undefined, options: { body?: unknown; ip?: string } = {}) {
      const headers: Record<string, string> = { 'X-Forwarded-For': options.ip ?? freshAddress() };
      if (code !== undefined) headers['X-Receipt-Code'] = code;
      if (options.body !== undefined) headers['Content-Type'] = 'application/json';
      const res = await fetch(`${api().base}${path}`, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
      return { res, body: (await res.json()) as Body };
    },
    async staff(session: HttpSession | undefined, method: string, path: string, options: { body?: unknown; csrf?: 'send' | 'omit' } = {}) {
      const res = await asSession(api().base, session, method, path, options);
      return { res, body: (await res.json()) as Body };
    },
    /** How many stories and consent receipts the database holds. */
    async counts(): Promise<{ stories: number; receipts: number }> {
      const { rows } = await stack().runtime.db.query<{ stories: number; receipts: number }>(
        `SELECT (SELECT count(*)::int FROM stories) AS stories, (SELECT count(*)::int FROM consent_receipts) AS receipts`,
      );
      return rows[0]!;
    },
    /** Runs a request that must be refused, and checks that it left no story and no receipt behind. */
    async refusedWithoutTrace<T>(request: () => Promise<T>): Promise<T> {
      const before = await self.counts();
      const result = await request();
      expect(await self.counts(), 'nothing stored').toEqual(before);
      return result;
    },
  };
  return self;
}

function form(submission: Body | undefined, file?: { name: string; type: string; content: string | Uint8Array }): FormData {
  const data = new FormData();
  if (submission) data.append('submission', JSON.stringify(submission));
  if (file) data.append('transcript', new Blob([file.content], { type: file.type }), file.name);
  return data;
}

async function signIn(runtime: Runtime, api: RunningApi, role: 'editor' | 'clinician'): Promise<HttpSession> {
  await addUserViaCli(runtime.auth, role, emailOf(role));
  return signInOverHttp(api.base, emailOf(role), PASSWORDS[role]);
}

describe('contributions and moderation over HTTP (embedded stack)', () => {
  let stack: TestStack;
  let api: RunningApi;
  const http = client(
    () => stack,
    () => api,
  );
  let editor: HttpSession;
  let clinician: HttpSession;

  beforeAll(async () => {
    stack = await openTestStack(EMBEDDED, {
      env: {
        SUBMISSION_MAX_CHARS: String(LIMITS.maxChars),
        SUBMISSION_UPLOAD_MAX_BYTES: String(LIMITS.uploadMaxBytes),
        SUBMISSIONS_PER_HOUR: String(LIMITS.perHour),
        RECEIPT_ATTEMPTS_PER_15_MIN: String(LIMITS.receiptAttempts),
      },
    });
    expect(stack.runtime.config.submissions).toEqual({
      maxChars: LIMITS.maxChars,
      uploadMaxBytes: LIMITS.uploadMaxBytes,
      perHour: LIMITS.perHour,
      receiptAttemptsPer15Min: LIMITS.receiptAttempts,
    });
    api = await startApi(stack.runtime, stack.runtime.readiness);
    editor = await signIn(stack.runtime, api, 'editor');
    clinician = await signIn(stack.runtime, api, 'clinician');
  });

  afterAll(async () => {
    await api?.close();
    await stack?.cleanup();
  });

  describe('submitting', () => {
    it('accepts a JSON submission: 201 with a receipt code, which opens the story (spaces and lower case too), never cached', async () => {
      const before = await http.counts();
      const submission = await http.submission();
      const { res, body } = await http.post(submission);
      expect(res.status, JSON.stringify(body)).toBe(201);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(body.receiptCode).toMatch(RECEIPT_CODE);
      expect(body.statusUrl).toEqual(expect.any(String));
      expect(body.status).toBe('submitted');
      expect(await http.counts()).toEqual({ stories: before.stories + 1, receipts: before.receipts + 1 });

      const view = await http.contributor('GET', '/api/contribution', body.receiptCode);
      expect(view.res.status).toBe(200);
      expect(view.res.headers.get('cache-control')).toBe('no-store');
      expect(view.body.storyId).toBe(body.storyId);
      expect(view.body.status).toBe('submitted');
      expect(view.body.version.text).toBe(submission.text);
      expect(view.body.consent.audience).toEqual(['public', 'clinicians', 'teaching', 'research']);

      const typed = ` ${(body.receiptCode as string).toLowerCase().replaceAll('-', ' ')} `;
      const again = await http.contributor('GET', '/api/contribution', typed);
      expect(again.res.status).toBe(200);
      expect(again.body.storyId).toBe(body.storyId);
    });

    it.each(['public', 'clinicians', 'teaching', 'research', 'quote'])('refuses a submission without the %s choice: 400 naming it, nothing stored', async (scope) => {
      const submission = await http.submission();
      delete submission.consent[scope];
      const { res, body } = await http.refusedWithoutTrace(() => http.post(submission));
      expect(res.status).toBe(400);
      expect(body.error.message).toMatch(new RegExp(`consent\\.${scope}: choose yes or no`));
    });

    const refusals: [string, (s: Body) => void, number, RegExp][] = [
      ['every use declined', (s) => Object.assign(s.consent, { public: false, clinicians: false, teaching: false, research: false }), 400, /^consent: choose at least one use/],
      ['an unknown consent text version', (s) => (s.consent.version = '1999-01'), 400, /consent\.version: there is no consent text "1999-01"/],
      ['a wrong consent text hash', (s) => (s.consent.sha256 = '0'.repeat(64)), 400, /consent\.sha256: does not match consent text/],
      ['a malformed consent text hash', (s) => (s.consent.sha256 = 'abc'), 400, /consent\.sha256: must be the SHA-256/],
      ['an unknown theme', (s) => (s.themes = ['finnes-ikke']), 400, /themes: unknown theme "finnes-ikke"/],
      ['empty text', (s) => (s.text = '   '), 400, /^text: must not be empty/],
      ['text over SUBMISSION_MAX_CHARS', (s) => (s.text = 'ord '.repeat(LIMITS.maxChars)), 413, new RegExp(`at most ${LIMITS.maxChars} can be submitted`)],
      ['text with a NUL', (s) => (s.text = 'Første del\u0000andre del'), 400, /^text: contains control characters/],
      ['text with an escape character', (s) => (s.text = 'Første del\u001b[31mandre del'), 400, /^text: contains control characters/],
      ['an unknown field', (s) => (s.email = 'kari@example.no'), 400, /Unrecognized key.*"email"/],
      ['no display choice', (s) => delete s.display, 400, /^display:/],
      ['no text and no file', (s) => delete s.text, 400, /^text: the story is missing/],
    ];
    it.each(refusals)('refuses %s: the status, a message naming it, nothing stored', async (_what, spoil, status, message) => {
      const submission = await http.submission();
      spoil(submission);
      const { res, body } = await http.refusedWithoutTrace(() => http.post(submission));
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(body.error.message).toMatch(message);
    });

    it('refuses invalid JSON (400) and a text/plain body (415), storing nothing', async () => {
      const broken = await http.refusedWithoutTrace(() => http.post(undefined, { raw: '{"title": "Halvferdig", ' }));
      expect(broken.res.status).toBe(400);
      expect(broken.body.error.message).toMatch(/not valid JSON/);
      const plain = await http.refusedWithoutTrace(async () => http.post(undefined, { contentType: 'text/plain', raw: JSON.stringify(await http.submission()) }));
      expect(plain.res.status).toBe(415);
      expect(plain.body.error.message).toMatch(/application\/json.*multipart\/form-data/);
    });

    it('stores script tags and HTML as text, byte for byte, and serves them as JSON strings once published', { timeout: 180_000 }, async () => {
      const title = '<b>Min</b> historie <script>alert("tittel")</script>';
      const text =
        'Jeg skrev <script>alert(document.cookie)</script> i dagboka, og <img src=x onerror="alert(1)"> & &amp; &lt;p&gt; ' +
        '<a href="javascript:void(0)">lenke</a>.\n\n<style>body{display:none}</style><!-- kommentar --> Men jeg ble bedre, «steg for steg».';
      const { storyId, code } = await http.submit({ title, text });
      const view = await http.contributor('GET', '/api/contribution', code);
      expect(view.body.version.text).toBe(text);
      expect(view.body.version.title).toBe(title);

      expect((await http.staff(editor, 'POST', `/api/moderation/stories/${storyId}/actions`, { body: { action: 'claim' } })).res.status).toBe(200);
      const review = await http.staff(editor, 'GET', `/api/moderation/stories/${storyId}`);
      expect(review.body.story.body).toBe(text);
      const sent = await http.staff(editor, 'POST', `/api/moderation/stories/${storyId}/actions`, { body: { action: 'send_for_approval' } });
      expect(sent.res.status, JSON.stringify(sent.body)).toBe(200);
      const approved = await http.contributor('POST', '/api/contribution/approval', code, { body: { revision: sent.body.story.revision } });
      expect(approved.res.status, JSON.stringify(approved.body)).toBe(200);
      expect(approved.body.status).toBe('published');
      await stack.runtime.queue.waitUntilIdle({ timeoutMs: 150_000 });

      const res = await fetch(`${api.base}/api/stories/${storyId}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const raw = await res.text();
      expect(raw).not.toMatch(/&lt;script|&amp;amp;/); // not HTML-escaped on the server: the UI escapes
      const story = (JSON.parse(raw) as Body).story;
      expect(story.text).toBe(text);
      expect(story.title).toBe(title);
    });
  });

  describe('uploading a transcript', () => {
    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Intervjuer>Hva hjalp deg mest?\n\n00:00:04.500 --> 00:00:09.000\n<v Ola>At noen trodde på meg da jeg ikke gjorde det selv.\n';
    const srt = '1\n00:00:01,000 --> 00:00:04,000\nIntervjuer: Hva hjalp deg mest?\n\n2\n00:00:04,500 --> 00:00:09,000\nOla: At noen trodde på meg.\n';

    const noText = async () => {
      const submission = await http.submission();
      delete submission.text;
      return submission;
    };

    it('turns a .vtt into an interview with segments', async () => {
      const { res, body } = await http.postForm(form(await noText(), { name: 'intervju.vtt', type: 'text/vtt', content: vtt }));
      expect(res.status, JSON.stringify(body)).toBe(201);
      const view = await http.contributor('GET', '/api/contribution', body.receiptCode);
      expect(view.body.version.kind).toBe('interview');
      expect(view.body.version.text).toBeNull();
      expect(view.body.version.segments).toEqual([
        { speaker: 'Intervjuer', start: 1, end: 4, text: 'Hva hjalp deg mest?' },
        { speaker: 'Ola', start: 4.5, end: 9, text: 'At noen trodde på meg da jeg ikke gjorde det selv.' },
      ]);
    });

    it('turns a .srt into an interview, and a .txt into a written story', async () => {
      const fromSrt = await http.postForm(form(await noText(), { name: 'intervju.srt', type: 'application/x-subrip', content: srt }));
      expect(fromSrt.res.status, JSON.stringify(fromSrt.body)).toBe(201);
      const srtView = await http.contributor('GET', '/api/contribution', fromSrt.body.receiptCode);
      expect(srtView.body.version.kind).toBe('interview');
      expect(srtView.body.version.segments.map((s: Body) => [s.speaker, s.text])).toEqual([
        ['Intervjuer', 'Hva hjalp deg mest?'],
        ['Ola', 'At noen trodde på meg.'],
      ]);

      const story = 'Jeg var innlagt i tre måneder.\n\nDet som hjalp var turene langs elva.';
      const fromTxt = await http.postForm(form(await noText(), { name: 'historie.txt', type: 'text/plain', content: `${story}\n` }));
      expect(fromTxt.res.status, JSON.stringify(fromTxt.body)).toBe(201);
      const txtView = await http.contributor('GET', '/api/contribution', fromTxt.body.receiptCode);
      expect(txtView.body.version.kind).toBe('written');
      expect(txtView.body.version.text).toBe(story);
    });

    const pdf = new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1'));
    const docx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, ...Buffer.from('word/document.xml')]);
    const uploads: [string, { name: string; type: string; content: string | Uint8Array }, number, RegExp][] = [
      ['a PDF renamed .txt', { name: 'historie.txt', type: 'text/plain', content: pdf }, 415, /The file is a PDF document, not a text file/],
      ['a .docx', { name: 'historie.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', content: docx }, 415, /"\.docx" are not accepted/],
      ['a .vtt without the WEBVTT header', { name: 'intervju.vtt', type: 'text/vtt', content: vtt.replace('WEBVTT\n\n', '') }, 415, /not WebVTT: a \.vtt file starts with the line "WEBVTT"/],
      ['a file over SUBMISSION_UPLOAD_MAX_BYTES', { name: 'historie.txt', type: 'text/plain', content: 'a'.repeat(LIMITS.uploadMaxBytes + 1) }, 413, /^The transcript file is too large; the limit is 4\.0 KB/],
      ['an empty file', { name: 'historie.txt', type: 'text/plain', content: '' }, 400, /The file is empty/],
    ];
    it.each(uploads)('refuses %s: the status, a message naming it, nothing stored', async (_what, file, status, message) => {
      const { res, body } = await http.refusedWithoutTrace(async () => http.postForm(form(await noText(), file)));
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(body.error.message).toMatch(message);
    });

    it('refuses text and a file together, and a form without the "submission" field (400, nothing stored)', async () => {
      const both = await http.refusedWithoutTrace(async () => http.postForm(form(await http.submission(), { name: 'intervju.vtt', type: 'text/vtt', content: vtt })));
      expect(both.res.status).toBe(400);
      expect(both.body.error.message).toMatch(/^text: send the story as text or as a transcript file, not both/);
      const missing = await http.refusedWithoutTrace(() => http.postForm(form(undefined, { name: 'intervju.vtt', type: 'text/vtt', content: vtt })));
      expect(missing.res.status).toBe(400);
      expect(missing.body.error.message).toMatch(/^submission: the multipart form needs a "submission" field/);
      const wrongField = new FormData();
      wrongField.append('submission', JSON.stringify(await noText()));
      wrongField.append('file', new Blob([vtt], { type: 'text/vtt' }), 'intervju.vtt');
      const misnamed = await http.refusedWithoutTrace(() => http.postForm(wrongField));
      expect(misnamed.res.status).toBe(400);
      expect(misnamed.body.error.message).toMatch(/in the "transcript" field/);
      const notJson = new FormData();
      notJson.append('submission', '{title:');
      const broken = await http.refusedWithoutTrace(() => http.postForm(notJson));
      expect(broken.res.status).toBe(400);
      expect(broken.body.error.message).toMatch(/^submission: the "submission" field is not valid JSON/);
    });
  });

  it('limits a burst of submissions from one address: 429 with rate-limit headers after SUBMISSIONS_PER_HOUR, storing nothing', async () => {
    const ip = freshAddress();
    for (let i = 0; i < LIMITS.perHour; i++) {
      const { res } = await http.post(await http.submission(), { ip });
      expect(res.status).toBe(201);
    }
    const { res, body } = await http.refusedWithoutTrace(async () => http.post(await http.submission(), { ip }));
    expect(res.status).toBe(429);
    expect(body.error.message).toMatch(new RegExp(`Too many submissions from this address; at most ${LIMITS.perHour} an hour`));
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.headers.get('ratelimit')).toMatch(/r=0/);
    // Another address is not held back.
    expect((await http.post(await http.submission())).res.status).toBe(201);
  });

  describe('the receipt code', () => {
    let code = '';
    let storyId = '';
    beforeAll(async () => ({ code, storyId } = await http.submit()));

    it('answers a wrong code with a 401 only after a pause', async () => {
      const started = performance.now();
      const { res, body } = await http.contributor('GET', '/api/contribution', WRONG_CODE);
      const elapsed = performance.now() - started;
      expect(res.status).toBe(401);
      expect(body.error.message).toMatch(/receipt code does not open any story/);
      expect(elapsed).toBeGreaterThanOrEqual(390);
    });

    it.each([
      ['a malformed code', 'not-a-code!', /receipt code does not open any story/],
      ['an empty code', '', /needs your receipt code in the X-Receipt-Code header/],
      ['no header', undefined, /needs your receipt code in the X-Receipt-Code header/],
    ])('answers %s with a 401', async (_what, sent, message) => {
      const { res, body } = await http.contributor('GET', '/api/contribution', sent);
      expect(res.status).toBe(401);
      expect(body.error.message).toMatch(message);
    });

    it('stops an address after RECEIPT_ATTEMPTS_PER_15_MIN wrong codes, but not the owner at another address', { timeout: 30_000 }, async () => {
      const guesser = freshAddress();
      for (let i = 0; i < LIMITS.receiptAttempts; i++) {
        expect((await http.contributor('GET', '/api/contribution', WRONG_CODE, { ip: guesser })).res.status).toBe(401);
      }
      const blocked = await http.contributor('GET', '/api/contribution', WRONG_CODE, { ip: guesser });
      expect(blocked.res.status).toBe(429);
      expect(blocked.body.error.message).toMatch(/Too many wrong receipt codes from this address/);
      expect(Number(blocked.res.headers.get('retry-after'))).toBeGreaterThan(0);
      // The limit holds for the address whatever code it sends next, the right one included...
      expect((await http.contributor('GET', '/api/contribution', code, { ip: guesser })).res.status).toBe(429);
      // ...while the contributor, elsewhere, is not held back.
      const owner = await http.contributor('GET', '/api/contribution', code);
      expect(owner.res.status).toBe(200);
      expect(owner.body.storyId).toBe(storyId);
    });

    it('does not count a contributor\'s successful requests against them', async () => {
      const ip = freshAddress();
      for (let i = 0; i < LIMITS.receiptAttempts + 2; i++) {
        expect((await http.contributor('GET', '/api/contribution', code, { ip })).res.status).toBe(200);
      }
    });
  });

  describe('changing consent', () => {
    it('narrows at once (200, the new audience), refuses widening without the consent text (400), allows it with it', async () => {
      const { code } = await http.submit({}, { public: false, clinicians: true, teaching: true, research: false, quote: false });
      const narrowed = await http.contributor('PUT', '/api/contribution/consent', code, {
        body: { scopes: { public: false, clinicians: true, teaching: false, research: false, quote: false } },
      });
      expect(narrowed.res.status, JSON.stringify(narrowed.body)).toBe(200);
      expect(narrowed.body.consent.audience).toEqual(['clinicians']);
      expect((await http.contributor('GET', '/api/contribution', code)).body.consent.audience).toEqual(['clinicians']);

      const wider = { public: true, clinicians: true, teaching: false, research: false, quote: false };
      const refused = await http.refusedWithoutTrace(() => http.contributor('PUT', '/api/contribution/consent', code, { body: { scopes: wider } }));
      expect(refused.res.status).toBe(400);
      expect(refused.body.error.message).toMatch(/^consentText: allowing a new use needs the consent text read again/);
      expect((await http.contributor('GET', '/api/contribution', code)).body.consent.audience).toEqual(['clinicians']);

      const wrongHash = { ...(await http.consentText()), sha256: 'f'.repeat(64) };
      const badText = await http.refusedWithoutTrace(() => http.contributor('PUT', '/api/contribution/consent', code, { body: { scopes: wider, consentText: wrongHash } }));
      expect(badText.res.status).toBe(400);
      expect(badText.body.error.message).toMatch(/sha256: does not match/);

      const widened = await http.contributor('PUT', '/api/contribution/consent', code, { body: { scopes: wider, consentText: await http.consentText() } });
      expect(widened.res.status, JSON.stringify(widened.body)).toBe(200);
      expect(widened.body.consent.audience).toEqual(['public', 'clinicians']);

      const none = await http.contributor('PUT', '/api/contribution/consent', code, {
        body: { scopes: { public: false, clinicians: false, teaching: false, research: false, quote: true } },
      });
      expect(none.res.status).toBe(400);
      expect(none.body.error.message).toMatch(/^scopes: choose at least one use, or withdraw/);
    });
  });

  describe('moderation', () => {
    const person = { name: 'Kari Nordmann', phone: '912 34 567', email: 'kari.nordmann@example.no', nationalId: validNationalId('150387', 493) };
    const text =
      `Jeg heter ${person.name}. Etter innleggelsen begynte jeg å male, og det ble min måte å puste på. ` +
      `Ring meg på ${person.phone} eller skriv til ${person.email}. Fødselsnummeret mitt, ${person.nationalId}, sto på alle papirene.`;
    let storyId = '';
    let code = '';
    beforeAll(async () => ({ storyId, code } = await http.submit({ title: 'Å male seg ut av mørket', text })));

    const action = (session: HttpSession | undefined, body: Body, csrf: 'send' | 'omit' = 'send') =>
      http.staff(session, 'POST', `/api/moderation/stories/${storyId}/actions`, { body, csrf });
    const statusOf = async () => (await stack.runtime.db.query<{ status: string }>(`SELECT status FROM stories WHERE id = $1`, [storyId])).rows[0]!.status;

    it('lets editors only at the queue: anonymous 401, clinician 403, editor 200 listing the submission', async () => {
      const anonymous = await http.staff(undefined, 'GET', '/api/moderation/queue');
      expect(anonymous.res.status).toBe(401);
      expect(anonymous.body.error.message).toMatch(/Sign in first/);
      const asClinician = await http.staff(clinician, 'GET', '/api/moderation/queue');
      expect(asClinician.res.status).toBe(403);
      expect(asClinician.body.error.message).toMatch(/Your role \(clinician\) may not do this; it needs editor or admin/);
      expect((await http.staff(clinician, 'GET', `/api/moderation/stories/${storyId}`)).res.status).toBe(403);
      const queue = await http.staff(editor, 'GET', '/api/moderation/queue');
      expect(queue.res.status).toBe(200);
      expect(queue.res.headers.get('cache-control')).toBe('no-store');
      expect(queue.body.stories.map((s: Body) => s.id)).toContain(storyId);
    });

    it('refuses a state change without the CSRF token (403) or by a clinician (403), changing nothing', async () => {
      const noCsrf = await action(editor, { action: 'claim' }, 'omit');
      expect(noCsrf.res.status).toBe(403);
      expect(noCsrf.body.error.message).toMatch(/Missing X-CSRF-Token header/);
      const asClinician = await action(clinician, { action: 'claim' });
      expect(asClinician.res.status).toBe(403);
      const anonymous = await action(undefined, { action: 'claim' });
      expect(anonymous.res.status).toBe(401);
      expect(await statusOf()).toBe('submitted');
    });

    it('claims, marks the personal data, and de-identifies it into a new revision', async () => {
      const claimed = await action(editor, { action: 'claim' });
      expect(claimed.res.status, JSON.stringify(claimed.body)).toBe(200);
      expect(claimed.body.story.status).toBe('in_review');

      const review = await http.staff(editor, 'GET', `/api/moderation/stories/${storyId}`);
      expect(review.res.status).toBe(200);
      const body = review.body.personalData.find((p: Body) => p.part === 'body');
      const marked = (category: string) => body.marks.filter((m: PiiMark) => m.category === category).map((m: PiiMark) => text.slice(m.start, m.end));
      expect(marked('national_id')).toContain(person.nationalId);
      expect(marked('phone')).toContain(person.phone);
      expect(marked('email')).toContain(person.email);

      const revision = review.body.story.revision as number;
      const parts = review.body.personalData.filter((p: Body) => p.marks.length > 0).map((p: Body) => ({ part: p.part, decisions: suggestDecisions(p.marks) }));
      const redacted = await http.staff(editor, 'POST', `/api/moderation/stories/${storyId}/redactions`, { body: { revision, parts } });
      expect(redacted.res.status, JSON.stringify(redacted.body)).toBe(200);
      expect(redacted.body.story.revision).toBe(revision + 1);
      for (const original of [person.name, person.phone, person.email, person.nationalId]) expect(redacted.body.story.body).not.toContain(original);
      expect(redacted.body.story.body).toContain('begynte jeg å male');

      // The stale revision again: someone else (here: we) already edited it.
      const stale = await http.staff(editor, 'POST', `/api/moderation/stories/${storyId}/redactions`, { body: { revision, parts } });
      expect(stale.res.status).toBe(409);
      expect(stale.body.error.message).toMatch(/^revision: the story is at revision/);
    });

    it('will not publish an edit the contributor has not approved (409); the contributor approves the right revision only', async () => {
      const publish = await action(editor, { action: 'publish' });
      expect(publish.res.status).toBe(409);
      expect(publish.body.error.message).toMatch(/has not been approved by its contributor/);
      expect(await statusOf()).toBe('in_review');

      const sent = await action(editor, { action: 'send_for_approval' });
      expect(sent.res.status).toBe(200);
      expect(sent.body.story.status).toBe('awaiting_approval');
      const revision = sent.body.story.revision as number;

      const view = await http.contributor('GET', '/api/contribution', code);
      expect(view.body.awaitingYourApproval).toBe(true);
      expect(view.body.version.revision).toBe(revision);
      expect(view.body.version.text).not.toContain(person.nationalId);

      const wrong = await http.contributor('POST', '/api/contribution/approval', code, { body: { revision: revision - 1 } });
      expect(wrong.res.status).toBe(409);
      expect(wrong.body.error.message).toMatch(new RegExp(`^revision: the version to approve is revision ${revision}, not ${revision - 1}`));
      expect(await statusOf()).toBe('awaiting_approval');

      const badBody = await http.contributor('POST', '/api/contribution/approval', code, { body: { revision: 'latest' } });
      expect(badBody.res.status).toBe(400);
      expect(badBody.body.error.message).toMatch(/^revision:/);

      const right = await http.contributor('POST', '/api/contribution/approval', code, { body: { revision } });
      expect(right.res.status, JSON.stringify(right.body)).toBe(200);
      expect(right.body.status).toBe('published');
      expect(right.body.approvedRevision).toBe(revision);
      expect(await statusOf()).toBe('published');
    });

    it('refuses a rejection without a reason (400), and records one with it for the contributor', async () => {
      const other = await http.submit();
      const url = `/api/moderation/stories/${other.storyId}/actions`;
      const without = await http.staff(editor, 'POST', url, { body: { action: 'reject' } });
      expect(without.res.status).toBe(400);
      expect(without.body.error.message).toMatch(/^reason: say why the story is rejected/);
      const blank = await http.staff(editor, 'POST', url, { body: { action: 'reject', reason: '   ' } });
      expect(blank.res.status).toBe(400);
      expect(blank.body.error.message).toMatch(/^reason:/);
      expect((await http.contributor('GET', '/api/contribution', other.code)).body.status).toBe('submitted');

      const rejected = await http.staff(editor, 'POST', url, { body: { action: 'reject', reason: 'Historien handler om en annen person enn deg.' } });
      expect(rejected.res.status).toBe(200);
      const view = await http.contributor('GET', '/api/contribution', other.code);
      expect(view.body.status).toBe('rejected');
      expect(view.body.rejectionReason).toBe('Historien handler om en annen person enn deg.');
    });

    it('answers a malformed story id with a 400 and an unknown one with a 404', async () => {
      const malformed = await http.staff(editor, 'GET', '/api/moderation/stories/123');
      expect(malformed.res.status).toBe(400);
      expect(malformed.body.error.message).toMatch(/^id: must be a story id/);
      expect((await http.staff(editor, 'GET', '/api/moderation/stories/00000000-0000-4000-8000-000000000000')).res.status).toBe(404);
    });
  });
});

describe('withdrawal over HTTP (full stack: PostgreSQL server, Redis, Meilisearch)', () => {
  let stack: TestStack;
  let api: RunningApi;
  const http = client(
    () => stack,
    () => api,
  );
  let editor: HttpSession;

  beforeAll(async () => {
    stack = await openTestStack(FULL_STACK);
    expect(stack.runtime.lexical.kind).toBe('meilisearch');
    api = await startApi(stack.runtime, stack.runtime.readiness);
    editor = await signIn(stack.runtime, api, 'editor');
  });

  afterAll(async () => {
    await api?.close();
    await stack?.cleanup();
  });

  it('withdraws everything: 200, the code stops working, repeating it is a harmless 401, and nothing is left in any store', { timeout: 240_000 }, async () => {
    const { storyId, code } = await http.submit({
      title: 'Kajakkturen som snudde alt',
      text: 'Den første kajakkturen etter utskrivningen ga meg håp.\n\nJeg padlet hver søndag hele sommeren, og angsten slapp taket.',
    });
    for (const step of ['claim', 'send_for_approval']) {
      const { res, body } = await http.staff(editor, 'POST', `/api/moderation/stories/${storyId}/actions`, { body: { action: step } });
      expect(res.status, JSON.stringify(body)).toBe(200);
    }
    const { version } = (await http.contributor('GET', '/api/contribution', code)).body;
    expect((await http.contributor('POST', '/api/contribution/approval', code, { body: { revision: version.revision } })).res.status).toBe(200);
    await stack.runtime.queue.waitUntilIdle({ timeoutMs: 180_000 });
    expect((await stack.runtime.lexical.passageIds(storyId)).length, 'published: in Meilisearch').toBeGreaterThan(0);
    expect((await fetch(`${api.base}/api/stories/${storyId}`)).status).toBe(200);

    const badScopes = await http.contributor('POST', '/api/contribution/withdrawal', code, { body: { scopes: 'everything' } });
    expect(badScopes.res.status).toBe(400);
    expect(badScopes.body.error.message).toMatch(/^scopes:/);

    const withdrawn = await http.contributor('POST', '/api/contribution/withdrawal', code, { body: { scopes: 'all' } });
    expect(withdrawn.res.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.res.headers.get('cache-control')).toBe('no-store');
    expect(withdrawn.body.withdrawn).toBe('all');
    expect(withdrawn.body.view).toBeUndefined();
    expect(withdrawn.body.message).toMatch(/withdrawn and deleted/);

    const after = await http.contributor('GET', '/api/contribution', code);
    expect(after.res.status).toBe(401);
    expect(after.body.error.message).toMatch(/receipt code does not open any story/);
    const countsBefore = await http.counts();
    const again = await http.contributor('POST', '/api/contribution/withdrawal', code, { body: { scopes: 'all' } });
    expect(again.res.status).toBe(401);
    expect(await http.counts()).toEqual(countsBefore);
    expect((await fetch(`${api.base}/api/stories/${storyId}`)).status).toBe(404);

    await stack.runtime.queue.waitUntilIdle({ timeoutMs: 120_000 });
    const report = await checkErasure(stack.runtime, storyId);
    expect(report.findings).toEqual([]);
    expect(report.verdict).toBe('erased');
    expect(report.checked).toEqual(expect.arrayContaining(['postgresql', 'pgvector', 'lexical', 'collections', 'queue']));
  });
});
