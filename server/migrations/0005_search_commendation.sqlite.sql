-- FTS5 over proposal_search.tokens (external content, kept in step by triggers). The tokens are
-- already made by the application, so the ascii tokenizer only splits on spaces (every non-ASCII
-- character is a token character).
CREATE VIRTUAL TABLE proposal_fts USING fts5(tokens, content='proposal_search',
  content_rowid='proposal_id', tokenize='ascii');
CREATE TRIGGER proposal_search_ai AFTER INSERT ON proposal_search BEGIN
  INSERT INTO proposal_fts(rowid, tokens) VALUES (new.proposal_id, new.tokens);
END;
CREATE TRIGGER proposal_search_ad AFTER DELETE ON proposal_search BEGIN
  INSERT INTO proposal_fts(proposal_fts, rowid, tokens) VALUES ('delete', old.proposal_id, old.tokens);
END;
CREATE TRIGGER proposal_search_au AFTER UPDATE ON proposal_search BEGIN
  INSERT INTO proposal_fts(proposal_fts, rowid, tokens) VALUES ('delete', old.proposal_id, old.tokens);
  INSERT INTO proposal_fts(rowid, tokens) VALUES (new.proposal_id, new.tokens);
END;
