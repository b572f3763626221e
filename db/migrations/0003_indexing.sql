-- What the indexer needs: story revisions, the engines' view of each story (which version
-- they hold), theme description embeddings for theme suggestion, and a little app state.

-- `revision` counts content changes (title, text, segments); `index_version` counts every
-- change the search engines must reflect (content, status, consent, themes, warnings).
-- Jobs carry the version they were enqueued for. `indexed_version` is the last one whose
-- chunks and embeddings PostgreSQL holds; `lexical_version` the last one the lexical engine
-- holds (Meilisearch is synced in batches after PostgreSQL; with PostgreSQL full-text search
-- both move together). A story behind on either still has work queued — or lost in a crash,
-- which the reconcile sweep at worker start re-enqueues.
ALTER TABLE stories
  ADD COLUMN content_sha256  text CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  ADD COLUMN index_version   integer NOT NULL DEFAULT 1 CHECK (index_version >= 1),
  ADD COLUMN indexed_version integer NOT NULL DEFAULT 0 CHECK (indexed_version >= 0),
  ADD COLUMN lexical_version integer NOT NULL DEFAULT 0 CHECK (lexical_version >= 0),
  -- Why indexing gave up after its last attempt (dead-lettered); cleared by the next success.
  ADD COLUMN index_error     text;
CREATE INDEX stories_needs_indexing_idx ON stories (id) WHERE indexed_version < index_version;
CREATE INDEX stories_needs_lexical_sync_idx ON stories (id) WHERE lexical_version < indexed_version;

-- Every content revision of a story, the current one included, so an editor can see what
-- changed. Withdrawal deletes them with the story's content.
CREATE TABLE story_revisions (
  story_id        uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  revision        integer NOT NULL CHECK (revision >= 1),
  title           text NOT NULL CHECK (title <> ''),
  language        text NOT NULL,
  body            text,
  segments        jsonb CHECK (segments IS NULL OR jsonb_typeof(segments) = 'array'),
  content_sha256  text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (story_id, revision),
  CHECK ((body IS NULL) <> (segments IS NULL))
);

-- The embedding of each theme's description (nb and en separately), per model. Theme
-- suggestion compares passages with these; search uses them for theme queries. Rebuilt when
-- the description text (its hash) or the model changes.
CREATE TABLE theme_embeddings (
  theme_slug   text NOT NULL REFERENCES themes (slug) ON UPDATE CASCADE ON DELETE CASCADE,
  language     text NOT NULL CHECK (language IN ('nb', 'en')),
  model        text NOT NULL,
  text_sha256  text NOT NULL CHECK (text_sha256 ~ '^[0-9a-f]{64}$'),
  embedding    vector(384) NOT NULL,
  PRIMARY KEY (theme_slug, language, model)
);

-- Small facts about this installation, e.g. that the demo corpus has been loaded once
-- (so deleting the demo stories does not bring them back on the next start).
CREATE TABLE app_state (
  key         text PRIMARY KEY,
  value       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
