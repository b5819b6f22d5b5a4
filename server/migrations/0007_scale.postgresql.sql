-- Each proposal's search tokens start with its committee's scope token (U+E000 "s" id, see
-- search::scope_token), so a search in one committee is narrowed by the index itself. The GIN
-- index is rebuilt once rather than updated row by row.
DROP INDEX proposal_search_tsv;
UPDATE proposal_search SET tokens = chr(57344) || 's' || committee_id || ' ' || tokens;
CREATE INDEX proposal_search_tsv ON proposal_search USING GIN (tsv);
