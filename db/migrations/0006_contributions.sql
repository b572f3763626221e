-- Contributions: stories people submit themselves, the editor's de-identification, and what
-- withdrawal must erase (collections hold passages of stories).

-- Where a story came from: an import by staff, or a contributor through the web form (who
-- then holds its receipt code and must approve any edited version before it is published).
ALTER TABLE stories
  ADD COLUMN source text NOT NULL DEFAULT 'import' CHECK (source IN ('import', 'contribution')),
  -- The revision the contributor has approved; publication of a contributed story requires
  -- that it is the current one. NULL for imports (consent was handled outside Levd).
  ADD COLUMN approved_revision integer CHECK (approved_revision >= 1),
  -- Themes the contributor suggested; an editor confirms them (story_themes) or not.
  ADD COLUMN contributor_themes text[] NOT NULL DEFAULT '{}',
  -- Why an editor rejected the story, shown to its contributor. Erased on withdrawal.
  ADD COLUMN rejection_reason text CHECK (rejection_reason IS NULL OR rejection_reason <> '');

ALTER TABLE stories DROP CONSTRAINT stories_withdrawn_holds_no_content;
ALTER TABLE stories ADD CONSTRAINT stories_withdrawn_holds_no_content CHECK (
  status <> 'withdrawn' OR (title IS NULL AND body IS NULL AND segments IS NULL AND display_name IS NULL
                            AND rejection_reason IS NULL AND contributor_themes = '{}')
);

-- The editor's pseudonym map: the same person or place gets the same replacement across the
-- whole story. The originals are personal data: only editors see them, and withdrawal
-- deletes the map with the text.
CREATE TABLE story_pseudonyms (
  story_id     uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  original     text NOT NULL CHECK (original <> ''),
  replacement  text NOT NULL CHECK (replacement <> ''),
  category     text NOT NULL CHECK (category IN ('national_id', 'phone', 'email', 'address', 'postcode', 'person', 'place')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (story_id, original)
);

-- After a withdrawal of everything the receipt keeps only the story id, the time and the
-- scopes withdrawn: the consent text version, the display choice and the time consent was
-- given go with the story, and the receipt code stops working.
ALTER TABLE consent_receipts
  ALTER COLUMN consent_text_version DROP NOT NULL,
  ALTER COLUMN display_mode DROP NOT NULL,
  ALTER COLUMN given_at DROP NOT NULL,
  ADD CONSTRAINT consent_receipts_complete_unless_withdrawn CHECK (
    withdrawn_at IS NOT NULL OR (consent_text_version IS NOT NULL AND display_mode IS NOT NULL AND given_at IS NOT NULL)
  );

-- Educators' collections of passages for teaching. A passage is kept by its story and
-- character range (chunk ids change when a story is re-chunked); withdrawal deletes the
-- items, and a partial withdrawal of `teaching` hides them (the audience filter applies).
CREATE TABLE collections (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id     uuid NOT NULL,
  title        text NOT NULL CHECK (title <> ''),
  description  text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX collections_owner_idx ON collections (owner_id);

CREATE TABLE collection_items (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collection_id  uuid NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  story_id       uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  start_char     integer NOT NULL CHECK (start_char >= 0),
  end_char       integer NOT NULL,
  position       integer NOT NULL CHECK (position >= 0),
  note           text NOT NULL DEFAULT '',
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (end_char > start_char)
);
CREATE INDEX collection_items_story_idx ON collection_items (story_id);
CREATE INDEX collection_items_collection_idx ON collection_items (collection_id, position);

-- Moderation lists stories by status, oldest first.
CREATE INDEX stories_moderation_idx ON stories (status, created_at) WHERE status IN ('submitted', 'in_review', 'awaiting_approval');
