-- The committee's scope token (search::scope_token, U+E000 "s" id) is added by the index's
-- column instead of being stored in the tokens, which SQLite's index (narrowed by row numbers,
-- see the SQLite side of this migration) no longer wants. What is indexed does not change.
DROP INDEX proposal_search_tsv;
ALTER TABLE proposal_search DROP COLUMN tsv;
UPDATE proposal_search SET tokens = CASE WHEN strpos(tokens, ' ') > 0
  THEN substr(tokens, strpos(tokens, ' ') + 1) ELSE '' END WHERE tokens LIKE chr(57344) || '%';
ALTER TABLE proposal_search ADD COLUMN tsv tsvector GENERATED ALWAYS AS (array_to_tsvector(
  string_to_array(chr(57344) || 's' || committee_id::text || CASE WHEN tokens = '' THEN ''
  ELSE ' ' || tokens END, ' '))) STORED;
CREATE INDEX proposal_search_tsv ON proposal_search USING GIN (tsv);
