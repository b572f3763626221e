-- Levd's core schema. PostgreSQL is the source of truth; every other store (Meilisearch,
-- caches, queues) is derived from these tables and can be rebuilt from them.
-- Runs unchanged on PostgreSQL 15+ (server) and PGlite (embedded default).

CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A story is written (one text) or an interview (speaker segments). When its teller
-- withdraws everything, the row stays as a content-free tombstone so consent receipts
-- and the audit trail can still name it; title, text and segments are erased.
CREATE TABLE stories (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  external_id      text UNIQUE CHECK (external_id <> ''),
  kind             text NOT NULL CHECK (kind IN ('written', 'interview')),
  status           text NOT NULL DEFAULT 'submitted'
                   CHECK (status IN ('submitted', 'in_review', 'awaiting_approval', 'published', 'rejected', 'withdrawn')),
  title            text,
  language         text NOT NULL CHECK (language ~ '^[a-z]{2,3}$'),
  body             text,
  -- [{ "speaker": text, "start": seconds, "end": seconds, "text": text }, …]
  segments         jsonb CHECK (segments IS NULL OR jsonb_typeof(segments) = 'array'),
  display_mode     text NOT NULL CHECK (display_mode IN ('name', 'pseudonym', 'anonymous')),
  -- The name or pseudonym shown with the story; never set for anonymous stories.
  display_name     text CHECK (display_name IS NULL OR display_name <> ''),
  content_warnings text[] NOT NULL DEFAULT '{}',
  is_fictional     boolean NOT NULL DEFAULT false,
  revision         integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  published_at     timestamptz,
  CONSTRAINT stories_content_matches_kind CHECK (
    status = 'withdrawn'
    OR (title IS NOT NULL AND title <> '' AND (
         (kind = 'written' AND body IS NOT NULL AND segments IS NULL)
      OR (kind = 'interview' AND segments IS NOT NULL AND body IS NULL)))
  ),
  CONSTRAINT stories_withdrawn_holds_no_content CHECK (
    status <> 'withdrawn' OR (title IS NULL AND body IS NULL AND segments IS NULL AND display_name IS NULL)
  ),
  CONSTRAINT stories_display_name_matches_mode CHECK (
    status = 'withdrawn' OR (display_mode = 'anonymous') = (display_name IS NULL)
  )
);
CREATE INDEX stories_status_idx ON stories (status);

-- Each consent is a receipt: what was shown (version + SHA-256 of the exact text), what
-- was chosen, when. A change of scopes writes a new receipt and supersedes the old one,
-- so the history of what the teller agreed to is never overwritten.
CREATE TABLE consent_receipts (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  story_id             uuid NOT NULL REFERENCES stories (id) ON DELETE RESTRICT,
  consent_text_version text NOT NULL CHECK (consent_text_version <> ''),
  -- NULL for consent given on paper or elsewhere and imported with its version label.
  consent_text_sha256  text CHECK (consent_text_sha256 ~ '^[0-9a-f]{64}$'),
  scope_public         boolean NOT NULL,
  scope_clinicians     boolean NOT NULL,
  scope_teaching       boolean NOT NULL,
  scope_research       boolean NOT NULL,
  scope_quote          boolean NOT NULL,
  display_mode         text NOT NULL CHECK (display_mode IN ('name', 'pseudonym', 'anonymous')),
  -- A slow hash of the contributor's receipt code; the code itself is shown once, never stored.
  receipt_code_hash    text UNIQUE,
  given_at             timestamptz NOT NULL DEFAULT now(),
  superseded_at        timestamptz,
  withdrawn_at         timestamptz,
  withdrawn_scopes     text[] NOT NULL DEFAULT '{}'
                       CHECK (withdrawn_scopes <@ ARRAY['public', 'clinicians', 'teaching', 'research', 'quote']::text[])
);
CREATE UNIQUE INDEX consent_receipts_one_current_per_story ON consent_receipts (story_id) WHERE superseded_at IS NULL;

CREATE TABLE themes (
  slug            text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  label_nb        text NOT NULL,
  label_en        text NOT NULL,
  description_nb  text NOT NULL,
  description_en  text NOT NULL,
  -- Words a reader might type for this theme: lexical synonyms and query expansion.
  terms_nb        text[] NOT NULL DEFAULT '{}',
  terms_en        text[] NOT NULL DEFAULT '{}',
  sort_order      integer NOT NULL
);

CREATE TABLE story_themes (
  story_id    uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  theme_slug  text NOT NULL REFERENCES themes (slug) ON UPDATE CASCADE,
  -- suggested by the indexer (with its score) or confirmed by an editor / the importer
  source      text NOT NULL CHECK (source IN ('suggested', 'confirmed')),
  score       real,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (story_id, theme_slug),
  CHECK (source = 'confirmed' OR score IS NOT NULL)
);
CREATE INDEX story_themes_theme_idx ON story_themes (theme_slug);

-- A passage of a story as indexed: the unit every engine searches and returns.
CREATE TABLE chunks (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  story_id        uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  story_revision  integer NOT NULL,
  ordinal         integer NOT NULL CHECK (ordinal >= 0),
  text            text NOT NULL CHECK (text <> ''),
  text_sha256     text NOT NULL CHECK (text_sha256 ~ '^[0-9a-f]{64}$'),
  start_char      integer NOT NULL CHECK (start_char >= 0),
  end_char        integer NOT NULL,
  speaker         text,
  start_seconds   real CHECK (start_seconds >= 0),
  end_seconds     real,
  -- The full-text configuration of the story's language: norwegian (nb, nn), english, simple.
  ts_config       regconfig NOT NULL,
  tsv             tsvector GENERATED ALWAYS AS (to_tsvector(ts_config, text)) STORED,
  embedding       vector(384),
  -- Which model made the embedding, so a model change re-embeds exactly what it must.
  model           text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (story_id, ordinal),
  CHECK (end_char > start_char),
  CHECK (end_seconds IS NULL OR start_seconds IS NULL OR end_seconds >= start_seconds),
  CHECK ((embedding IS NULL) = (model IS NULL))
);
CREATE INDEX chunks_embedding_hnsw ON chunks USING hnsw (embedding vector_cosine_ops);
CREATE INDEX chunks_tsv_idx ON chunks USING gin (tsv);
CREATE INDEX chunks_text_trgm_idx ON chunks USING gin (text gin_trgm_ops);
CREATE INDEX chunks_model_idx ON chunks (model);

-- One row per job id: pending → started → done / skipped / failed, whichever runner ran it.
CREATE TABLE job_runs (
  job_id       text PRIMARY KEY,
  name         text NOT NULL,
  status       text NOT NULL CHECK (status IN ('pending', 'started', 'done', 'skipped', 'failed')),
  attempts     integer NOT NULL DEFAULT 0,
  -- why it was skipped or why its last try failed; never payload text
  reason       text,
  enqueued_at  timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  finished_at  timestamptz
);
CREATE INDEX job_runs_status_idx ON job_runs (status, name);

-- Append-only: who did what to which subject, when. Never story text or personal data.
CREATE TABLE audit_log (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  actor         text NOT NULL CHECK (actor <> ''),
  action        text NOT NULL CHECK (action ~ '^[a-z]+(\.[a-z_]+)+$'),
  subject_type  text NOT NULL,
  subject_id    text,
  reason        text,
  details       jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object')
);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id, at);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
