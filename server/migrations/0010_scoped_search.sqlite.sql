-- The index holds each search token scoped to its committee (U+E000, committee id, U+E001, token:
-- search::scoped_token) and, while the proposal is published, plain too. A committee's search asks
-- for its scoped tokens and gets its own matches only; with one committee token ANDed to plain
-- words, FTS5 walked each word's posting list over the whole country (search at 2M proposals
-- cost 2.4× its 10k cost). proposal_search keeps the plain tokens once; this view derives what is
-- indexed, and is the FTS table's content, so the triggers and 'rebuild' index exactly it.
DROP TRIGGER proposal_search_ai;
DROP TRIGGER proposal_search_ad;
DROP TRIGGER proposal_search_au;
DROP TABLE proposal_fts;
ALTER TABLE proposal_search ADD COLUMN is_public INTEGER NOT NULL DEFAULT 0;
-- The committee's token the earlier documents started with (migration 0007) goes.
UPDATE proposal_search SET tokens = CASE WHEN instr(tokens, ' ') > 0
  THEN substr(tokens, instr(tokens, ' ') + 1) ELSE '' END WHERE tokens LIKE char(57344) || '%';
UPDATE proposal_search SET is_public = (SELECT p.is_published FROM proposals p
  WHERE p.id = proposal_search.proposal_id);
CREATE VIEW proposal_search_index(proposal_id, tokens) AS
  SELECT proposal_id,
         CASE WHEN tokens = '' THEN '' ELSE
           char(57344) || committee_id || char(57345) ||
           replace(tokens, ' ', ' ' || char(57344) || committee_id || char(57345)) ||
           CASE WHEN is_public = 1 THEN ' ' || tokens ELSE '' END
         END
  FROM proposal_search;
CREATE VIRTUAL TABLE proposal_fts USING fts5(tokens, content='proposal_search_index',
  content_rowid='proposal_id', tokenize='ascii');
-- A document leaves the index with the text it was indexed with: read from the view before the
-- row changes, added from it after.
CREATE TRIGGER proposal_search_ai AFTER INSERT ON proposal_search BEGIN
  INSERT INTO proposal_fts(rowid, tokens)
    SELECT proposal_id, tokens FROM proposal_search_index WHERE proposal_id = new.proposal_id;
END;
CREATE TRIGGER proposal_search_bd BEFORE DELETE ON proposal_search BEGIN
  INSERT INTO proposal_fts(proposal_fts, rowid, tokens)
    SELECT 'delete', proposal_id, tokens FROM proposal_search_index WHERE proposal_id = old.proposal_id;
END;
CREATE TRIGGER proposal_search_bu BEFORE UPDATE ON proposal_search BEGIN
  INSERT INTO proposal_fts(proposal_fts, rowid, tokens)
    SELECT 'delete', proposal_id, tokens FROM proposal_search_index WHERE proposal_id = old.proposal_id;
END;
CREATE TRIGGER proposal_search_au AFTER UPDATE ON proposal_search BEGIN
  INSERT INTO proposal_fts(rowid, tokens)
    SELECT proposal_id, tokens FROM proposal_search_index WHERE proposal_id = new.proposal_id;
END;
INSERT INTO proposal_fts(proposal_fts) VALUES ('rebuild');
