-- The public search (every committee's published proposals, latest publication first) searched
-- all proposals and sorted every match by publication: a common word's thousands of matches per
-- request, growing with the country. It now has an index of its own holding only the published
-- proposals, whose rows are numbered in publication order: published_at × 2³¹ + proposal id
-- (proposal ids stay below 2³¹; publication times below 2³² seconds, the year 2106). A page reads
-- the posting lists from the newest end and stops after it (ORDER BY rowid DESC LIMIT).
-- The index is kept by triggers on both sides: a proposal published, unpublished or moved out of
-- 'closed', and its search document written again. A proposal row is always written before its
-- search document (the foreign key), so a proposal's INSERT needs no trigger.
CREATE VIEW public_search_fts(fts_rowid, tokens) AS
  SELECT COALESCE(p.published_at, 0) * 2147483648 + p.id, s.tokens
  FROM proposals p JOIN proposal_search s ON s.proposal_id = p.id
  WHERE p.is_published = 1 AND p.state = 'closed';
CREATE VIRTUAL TABLE public_fts USING fts5(tokens, content='public_search_fts',
  content_rowid='fts_rowid', tokenize='ascii', detail=none, columnsize=0);
CREATE TRIGGER public_fts_proposal_au AFTER UPDATE OF is_published, state, published_at
  ON proposals BEGIN
  INSERT INTO public_fts(public_fts, rowid, tokens)
    SELECT 'delete', COALESCE(old.published_at, 0) * 2147483648 + old.id, s.tokens
    FROM proposal_search s
    WHERE s.proposal_id = old.id AND old.is_published = 1 AND old.state = 'closed';
  INSERT INTO public_fts(rowid, tokens)
    SELECT COALESCE(new.published_at, 0) * 2147483648 + new.id, s.tokens FROM proposal_search s
    WHERE s.proposal_id = new.id AND new.is_published = 1 AND new.state = 'closed';
END;
CREATE TRIGGER public_fts_search_ai AFTER INSERT ON proposal_search BEGIN
  INSERT INTO public_fts(rowid, tokens)
    SELECT COALESCE(p.published_at, 0) * 2147483648 + p.id, new.tokens FROM proposals p
    WHERE p.id = new.proposal_id AND p.is_published = 1 AND p.state = 'closed';
END;
CREATE TRIGGER public_fts_search_ad AFTER DELETE ON proposal_search BEGIN
  INSERT INTO public_fts(public_fts, rowid, tokens)
    SELECT 'delete', COALESCE(p.published_at, 0) * 2147483648 + p.id, old.tokens FROM proposals p
    WHERE p.id = old.proposal_id AND p.is_published = 1 AND p.state = 'closed';
END;
CREATE TRIGGER public_fts_search_au AFTER UPDATE ON proposal_search BEGIN
  INSERT INTO public_fts(public_fts, rowid, tokens)
    SELECT 'delete', COALESCE(p.published_at, 0) * 2147483648 + p.id, old.tokens FROM proposals p
    WHERE p.id = old.proposal_id AND p.is_published = 1 AND p.state = 'closed';
  INSERT INTO public_fts(rowid, tokens)
    SELECT COALESCE(p.published_at, 0) * 2147483648 + p.id, new.tokens FROM proposals p
    WHERE p.id = new.proposal_id AND p.is_published = 1 AND p.state = 'closed';
END;
INSERT INTO public_fts(public_fts) VALUES ('rebuild');
