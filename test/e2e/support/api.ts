import { STAFF, type E2eRole } from './accounts.js';

/**
 * Setting up what a browser test needs through the app's own HTTP API, as a contributor and an
 * editor would (services/http/contract/*.ts): no database access, no shortcuts.
 */

export interface ApiSession {
  readonly cookie: string;
  readonly csrfToken: string;
}

async function expectStatus(res: Response, status: number, what: string): Promise<Response> {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
  return res;
}

export async function apiSignIn(baseUrl: string, role: E2eRole): Promise<ApiSession> {
  const { email, password } = STAFF[role];
  const res = await expectStatus(
    await fetch(`${baseUrl}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) }),
    200,
    `sign in as ${role}`,
  );
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('levd_session='));
  if (!cookie) throw new Error(`sign in as ${role}: no levd_session cookie in the answer`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: cookie.split(';')[0]!, csrfToken };
}

/** A request as the signed-in staff member, with the CSRF token on anything that changes state. */
export async function asStaff(baseUrl: string, session: ApiSession, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Cookie: session.cookie };
  if (method !== 'GET') headers['X-CSRF-Token'] = session.csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
}

export interface StoryDraft {
  readonly title: string;
  readonly text: string;
  readonly language?: string;
  readonly themes?: readonly string[];
}

export interface Submitted {
  readonly storyId: string;
  readonly receiptCode: string;
}

/** POST /api/submissions with the current consent text (nb), public use only, anonymous. */
export async function submitStory(baseUrl: string, draft: StoryDraft): Promise<Submitted> {
  const consentRes = await expectStatus(await fetch(`${baseUrl}/api/consent-texts/current?lang=nb`), 200, 'GET /api/consent-texts/current');
  const consentText = (await consentRes.json()) as { version: string; language: 'nb' | 'en'; sha256: string };
  const submission = {
    title: draft.title,
    language: draft.language ?? 'nb',
    text: draft.text,
    themes: draft.themes ?? [],
    consent: {
      public: true,
      clinicians: false,
      teaching: false,
      research: false,
      quote: false,
      version: consentText.version,
      language: consentText.language,
      sha256: consentText.sha256,
    },
    display: { mode: 'anonymous' },
  };
  const res = await expectStatus(
    await fetch(`${baseUrl}/api/submissions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(submission) }),
    201,
    'POST /api/submissions',
  );
  const { storyId, receiptCode } = (await res.json()) as Submitted;
  return { storyId, receiptCode };
}

/** The editor claims the submission and publishes it unchanged. */
export async function publishAsEditor(baseUrl: string, storyId: string): Promise<void> {
  const editor = await apiSignIn(baseUrl, 'editor');
  for (const action of ['claim', 'publish'] as const) {
    await expectStatus(await asStaff(baseUrl, editor, 'POST', `/api/moderation/stories/${storyId}/actions`, { action }), 200, `moderation: ${action}`);
  }
}

/** Polls the search API (as an anonymous visitor) until the story is among the results for `q`. */
export async function untilSearchable(baseUrl: string, storyId: string, q: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${baseUrl}/api/search?${new URLSearchParams({ q, limit: '50' })}`);
    if (res.status === 200) {
      const body = (await res.json()) as { results: { story: { id: string } }[] };
      if (body.results.some((r) => r.story.id === storyId)) return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`story ${storyId} was not found by the search "${q}" within ${timeoutMs} ms of publishing`);
}

export interface ThemeView {
  readonly slug: string;
  readonly labelNb: string;
  readonly labelEn: string;
  readonly count: number;
}

export async function themes(baseUrl: string): Promise<ThemeView[]> {
  const res = await expectStatus(await fetch(`${baseUrl}/api/themes`), 200, 'GET /api/themes');
  return ((await res.json()) as { themes: ThemeView[] }).themes;
}

export interface SearchHit {
  readonly story: { readonly id: string; readonly title: string };
  readonly passages: readonly { readonly chunkId: string; readonly text: string; readonly highlights: readonly [number, number][] }[];
}

export async function search(baseUrl: string, params: Record<string, string>): Promise<{ results: SearchHit[]; total: number }> {
  const res = await expectStatus(await fetch(`${baseUrl}/api/search?${new URLSearchParams(params)}`), 200, 'GET /api/search');
  return (await res.json()) as { results: SearchHit[]; total: number };
}
