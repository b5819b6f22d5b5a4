-- The index holds each search token scoped to its committee (U+E000, committee id, U+E001, token:
-- search::scoped_token) and, while the proposal is published, plain too. A committee's search asks
-- for its scoped tokens, and the GIN index hands back its own matches only. proposal_search keeps
-- the plain tokens once; the tsvector column derives what is indexed.
DROP INDEX proposal_search_tsv;
ALTER TABLE proposal_search DROP COLUMN tsv;
ALTER TABLE proposal_search ADD COLUMN is_public INTEGER NOT NULL DEFAULT 0;
-- The committee's token the earlier documents started with (migration 0007) goes.
UPDATE proposal_search SET tokens = CASE WHEN strpos(tokens, ' ') > 0
  THEN substr(tokens, strpos(tokens, ' ') + 1) ELSE '' END WHERE tokens LIKE chr(57344) || '%';
UPDATE proposal_search s SET is_public = p.is_published FROM proposals p WHERE p.id = s.proposal_id;
ALTER TABLE proposal_search ADD COLUMN tsv tsvector GENERATED ALWAYS AS (array_to_tsvector(
  string_to_array(
    CASE WHEN tokens = '' THEN '' ELSE
      chr(57344) || committee_id::text || chr(57345) ||
      replace(tokens, ' ', ' ' || chr(57344) || committee_id::text || chr(57345)) ||
      CASE WHEN is_public = 1 THEN ' ' || tokens ELSE '' END
    END, ' '))) STORED;
CREATE INDEX proposal_search_tsv ON proposal_search USING GIN (tsv);
