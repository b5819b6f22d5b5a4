-- Each proposal's search tokens start with its committee's scope token (U+E000 "s" id, see
-- search::scope_token), so a search in one committee is narrowed by the index itself. The FTS
-- index is rebuilt once rather than updated row by row through the update trigger.
DROP TRIGGER proposal_search_au;
UPDATE proposal_search SET tokens = char(57344) || 's' || committee_id || ' ' || tokens;
INSERT INTO proposal_fts(proposal_fts) VALUES ('rebuild');
CREATE TRIGGER proposal_search_au AFTER UPDATE ON proposal_search BEGIN
  INSERT INTO proposal_fts(proposal_fts, rowid, tokens) VALUES ('delete', old.proposal_id, old.tokens);
  INSERT INTO proposal_fts(rowid, tokens) VALUES (new.proposal_id, new.tokens);
END;
