/**
 * Who may see a story follows from the scopes of its current consent, never from anything
 * else. Each engine stores a story's audiences with its passages and every query filters on
 * the caller's audiences inside the engine (see the Search issue), so this mapping is the one
 * place that turns consent into visibility.
 */
export const AUDIENCES = ['public', 'clinicians', 'teaching', 'research'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** The consent choices, in the order the form and the texts present them; the first four are audiences. */
export const CONSENT_SCOPES = ['public', 'clinicians', 'teaching', 'research', 'quote'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

export interface ConsentScopes {
  readonly public: boolean;
  readonly clinicians: boolean;
  readonly teaching: boolean;
  readonly research: boolean;
  readonly quote: boolean;
}

export function audiencesOf(scopes: ConsentScopes): Audience[] {
  return AUDIENCES.filter((audience) => scopes[audience]);
}
