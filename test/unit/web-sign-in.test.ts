import { describe, expect, it } from 'vitest';
import { landingFor, retryMinutes, signInHref } from '../../web/src/pages/staff/sign-in.js';

const ORIGIN = 'https://levd.example';

describe('web sign-in landing', () => {
  it('goes back to the page of this site the user came from, with its query and fragment', () => {
    expect(landingFor('editor', '/staff/moderation/abc', ORIGIN)).toBe('/staff/moderation/abc');
    expect(landingFor('educator', '/staff/collections?x=1#items', ORIGIN)).toBe('/staff/collections?x=1#items');
    expect(landingFor('clinician', '/stories/7?passage=c1', ORIGIN)).toBe('/stories/7?passage=c1');
  });

  it("goes to the role's own start page when there is nowhere to go back to", () => {
    expect(landingFor('editor', null, ORIGIN)).toBe('/staff/moderation');
    expect(landingFor('admin', '', ORIGIN)).toBe('/staff/moderation');
    expect(landingFor('educator', null, ORIGIN)).toBe('/staff/collections');
    expect(landingFor('clinician', null, ORIGIN)).toBe('/');
  });

  it('never leads off the site, however the other origin is spelled', () => {
    const offSite = [
      '//evil.example',
      '//evil.example/staff/moderation',
      '/\\evil.example',
      '\\\\evil.example',
      // A tab or newline the URL parser strips turns `/<tab>/host` into `//host`.
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example/x',
      'https://evil.example/staff/moderation',
      'http://levd.example/staff/moderation',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'evil.example',
      ' //evil.example',
    ];
    for (const next of offSite) {
      const landing = landingFor('editor', next, ORIGIN);
      expect(landing, JSON.stringify(next)).toBe('/staff/moderation');
      // Whatever comes back stays on the origin when a browser resolves it.
      expect(new URL(landing, ORIGIN).origin).toBe(ORIGIN);
    }
  });

  it('resolves what it returns to this origin, also for paths the parser folds', () => {
    // The dot segments fold into a path of this site: harmless, and returned in the folded form.
    expect(landingFor('editor', '/staff/../stories/1', ORIGIN)).toBe('/stories/1');
    for (const next of ['/staff/moderation', '/a/b?c=d', '/%2F%2Fevil.example']) {
      expect(new URL(landingFor('editor', next, ORIGIN), ORIGIN).origin).toBe(ORIGIN);
    }
  });

  it('does not lead back to the sign-in page itself', () => {
    expect(landingFor('educator', '/staff/sign-in', ORIGIN)).toBe('/staff/collections');
    expect(landingFor('educator', '/staff/sign-in?next=/staff/moderation', ORIGIN)).toBe('/staff/collections');
    expect(landingFor('educator', '/staff/x/../sign-in', ORIGIN)).toBe('/staff/collections');
  });

  it('round-trips a path through the sign-in URL', () => {
    const path = '/staff/moderation/abc?tab=2&x=a b';
    const next = new URL(signInHref(path), ORIGIN).searchParams.get('next');
    expect(next).toBe(path);
    expect(landingFor('editor', next, ORIGIN)).toBe('/staff/moderation/abc?tab=2&x=a%20b');
  });
});

describe('web sign-in wait after too many attempts', () => {
  it('prefers the Retry-After seconds, rounded up to whole minutes', () => {
    expect(retryMinutes(900, 'Try again in 3 minute(s).')).toBe(15);
    expect(retryMinutes(61, '')).toBe(2);
    expect(retryMinutes(1, '')).toBe(1);
  });

  it('falls back to the wait the message names, and to null when nothing says', () => {
    expect(retryMinutes(null, 'Too many failed sign-ins from this address. Try again in 15 minute(s).')).toBe(15);
    expect(retryMinutes(undefined, 'Try again in 1 minute.')).toBe(1);
    expect(retryMinutes(Number.NaN, 'Try again in 4 minutes')).toBe(4);
    expect(retryMinutes(0, 'Try again later')).toBeNull();
    expect(retryMinutes(null, '')).toBeNull();
  });
});
