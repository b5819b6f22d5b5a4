-- The public search (every committee's published proposals, latest publication first) searched
-- all proposals and sorted every match by publication: a common word's thousands of matches per
-- request, each a wide row of proposal_search read for its id (a tsvector of ~4 kB kept inline).
-- It now reads a table of the published proposals only, positioned in publication order
-- (published_at × 2³¹ + proposal id, as SQLite numbers its index) and with narrow rows: the
-- tsvector is always stored out of line, so a page of matches costs a few heap pages, and for a
-- common word the planner walks the positions from the newest and stops after the page.
-- Kept by triggers on both sides: a proposal published, unpublished or moved out of 'closed',
-- and its search document written again (a proposal row is always written before it).
CREATE TABLE public_search (
  position BIGINT PRIMARY KEY,
  proposal_id BIGINT NOT NULL UNIQUE REFERENCES proposals(id) ON DELETE CASCADE,
  tsv tsvector NOT NULL
) WITH (toast_tuple_target = 128);
ALTER TABLE public_search ALTER COLUMN tsv SET STORAGE EXTERNAL;
-- Writes one proposal's row again, or leaves it out ($1: the proposal's id).
CREATE FUNCTION public_search_sync(BIGINT) RETURNS void LANGUAGE sql AS $$
  DELETE FROM public_search WHERE proposal_id = $1;
  INSERT INTO public_search (position, proposal_id, tsv)
    SELECT COALESCE(p.published_at, 0) * 2147483648 + p.id, p.id, s.tsv
    FROM proposals p JOIN proposal_search s ON s.proposal_id = p.id
    WHERE p.id = $1 AND p.is_published = 1 AND p.state = 'closed';
$$;
CREATE FUNCTION public_search_on_proposal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM public_search_sync(NEW.id);
  RETURN NULL;
END;
$$;
CREATE TRIGGER public_search_proposal AFTER UPDATE OF is_published, state, published_at
  ON proposals FOR EACH ROW EXECUTE FUNCTION public_search_on_proposal();
CREATE FUNCTION public_search_on_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM public_search_sync(OLD.proposal_id);
  ELSE
    PERFORM public_search_sync(NEW.proposal_id);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER public_search_document AFTER INSERT OR UPDATE OR DELETE ON proposal_search
  FOR EACH ROW EXECUTE FUNCTION public_search_on_document();
INSERT INTO public_search (position, proposal_id, tsv)
  SELECT COALESCE(p.published_at, 0) * 2147483648 + p.id, p.id, s.tsv
  FROM proposals p JOIN proposal_search s ON s.proposal_id = p.id
  WHERE p.is_published = 1 AND p.state = 'closed';
CREATE INDEX public_search_tsv ON public_search USING GIN (tsv);
ANALYZE public_search;
