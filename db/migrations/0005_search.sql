-- Search: who may see a story, as a column the engines' queries filter on.
-- `audience` is generated from the receipt's own scopes, so it can never disagree with them;
-- it mirrors audiencesOf() in services/consent/audience.ts (a test checks they agree). A
-- withdrawn receipt allows nobody, and scopes withdrawn one by one drop out.
ALTER TABLE consent_receipts
  ADD COLUMN audience text[] GENERATED ALWAYS AS (
    CASE WHEN withdrawn_at IS NOT NULL THEN '{}'::text[]
    ELSE array_remove(ARRAY[
      CASE WHEN scope_public     AND NOT 'public'     = ANY (withdrawn_scopes) THEN 'public' END,
      CASE WHEN scope_clinicians AND NOT 'clinicians' = ANY (withdrawn_scopes) THEN 'clinicians' END,
      CASE WHEN scope_teaching   AND NOT 'teaching'   = ANY (withdrawn_scopes) THEN 'teaching' END,
      CASE WHEN scope_research   AND NOT 'research'   = ANY (withdrawn_scopes) THEN 'research' END
    ]::text[], NULL)
    END
  ) STORED;

-- Search only ever reads published stories; most queries start from this set.
CREATE INDEX stories_published_idx ON stories (id) WHERE status = 'published';
