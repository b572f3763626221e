-- Educators' collections (tables from 0006): each belongs to the staff account that made it,
-- and goes with it when the account is deleted.
ALTER TABLE collections
  ADD CONSTRAINT collections_owner_fk FOREIGN KEY (owner_id) REFERENCES staff_users (id) ON DELETE CASCADE,
  ADD CONSTRAINT collections_title_length CHECK (char_length(title) <= 200),
  ADD CONSTRAINT collections_description_length CHECK (char_length(description) <= 2000);

-- An owner's collections are listed most recently changed first.
DROP INDEX collections_owner_idx;
CREATE INDEX collections_owner_updated_idx ON collections (owner_id, updated_at DESC);

-- The story revision the range was chosen in: an editor may revise a story after publication
-- (unpublish, edit, publish), and the range then no longer points at the words chosen.
-- NULL only for items made before this column existed.
ALTER TABLE collection_items
  ADD COLUMN story_revision integer CHECK (story_revision >= 1),
  ADD CONSTRAINT collection_items_note_length CHECK (char_length(note) <= 2000);

-- One item per position in a collection. Deferred to commit, so a reorder can move every
-- position in one transaction without colliding with itself half-way.
DROP INDEX collection_items_collection_idx;
ALTER TABLE collection_items
  ADD CONSTRAINT collection_items_position_unique UNIQUE (collection_id, position) DEFERRABLE INITIALLY DEFERRED;
