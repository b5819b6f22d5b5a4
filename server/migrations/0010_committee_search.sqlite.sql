-- A committee's search narrowed by the FTS row numbers instead of a scope token: FTS5 intersected
-- the committee's token with each word's posting list over the whole country, whose length grows
-- with it (search cost 2.4 times as much at 2M proposals as at 10k). The FTS rows are now
-- numbered committee id × 2³² + proposal id, so a committee's proposals are one stretch of every
-- posting list, and a search asks for that stretch (rowid BETWEEN …) and reads nothing else.
-- detail=none, columnsize=0: the index keeps which rows hold a token, not where or how often
-- (a search asks for tokens that must all be present: no phrase, NEAR or ranking); it is ~40 %
-- smaller than with positions.
DROP TRIGGER proposal_search_ai;
DROP TRIGGER proposal_search_ad;
DROP TRIGGER proposal_search_au;
DROP TABLE proposal_fts;
-- The committee's token the documents started with (migration 0007) goes.
UPDATE proposal_search SET tokens = CASE WHEN instr(tokens, ' ') > 0
  THEN substr(tokens, instr(tokens, ' ') + 1) ELSE '' END WHERE tokens LIKE char(57344) || '%';
-- The FTS table's content, for 'rebuild' and 'integrity-check' (searches read only row numbers).
CREATE VIEW proposal_search_fts(fts_rowid, tokens) AS
  SELECT committee_id * 4294967296 + proposal_id, tokens FROM proposal_search;
CREATE VIRTUAL TABLE proposal_fts USING fts5(tokens, content='proposal_search_fts',
  content_rowid='fts_rowid', tokenize='ascii', detail=none, columnsize=0);
CREATE TRIGGER proposal_search_ai AFTER INSERT ON proposal_search BEGIN
  INSERT INTO proposal_fts(rowid, tokens)
    VALUES (new.committee_id * 4294967296 + new.proposal_id, new.tokens);
END;
CREATE TRIGGER proposal_search_ad AFTER DELETE ON proposal_search BEGIN
  INSERT INTO proposal_fts(proposal_fts, rowid, tokens)
    VALUES ('delete', old.committee_id * 4294967296 + old.proposal_id, old.tokens);
END;
CREATE TRIGGER proposal_search_au AFTER UPDATE ON proposal_search BEGIN
  INSERT INTO proposal_fts(proposal_fts, rowid, tokens)
    VALUES ('delete', old.committee_id * 4294967296 + old.proposal_id, old.tokens);
  INSERT INTO proposal_fts(rowid, tokens)
    VALUES (new.committee_id * 4294967296 + new.proposal_id, new.tokens);
END;
INSERT INTO proposal_fts(proposal_fts) VALUES ('rebuild');
