-- The public search's page found every match of its words in the GIN index, read each one's
-- position from the table and sorted them all: a page's cost grew with the country (make bench,
-- 2M proposals: 停车, ~30,000 published matches, 14 ms of CPU per request, 6.4× its cost at 10k).
-- GIN keeps no order, so each row's tsvector now also holds its publication's period token
-- (U+E000 "p" and published_at / 2,592,000 s, 30-day periods; user queries never hold U+E000), and
-- a search of more matches than the list shows reads its page from the latest period's matches
-- first (public_search_latest): the index intersects the words with that period, and only its
-- matches are read and sorted. The period holds every position from its start onwards, so its
-- first n matches, if it has n, are the search's first n.

-- A published proposal's document: its tokens and its period's ($2: the position).
CREATE FUNCTION public_search_tsv(tsvector, BIGINT) RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
  SELECT $1 || array_to_tsvector(ARRAY[chr(57344) || 'p' || (($2 >> 31) / 2592000)::text]);
$$;

-- The latest publication's period (NULL when nothing is published). The search runs with index
-- scans off (see ProposalService::public_list); the latest position is read from the primary
-- key's end all the same. PL/pgSQL keeps its statement's plan for the session.
CREATE FUNCTION public_search_latest() RETURNS tsquery LANGUAGE plpgsql STABLE
  SET enable_indexscan = on AS $$
BEGIN
  RETURN CAST(quote_literal(chr(57344) || 'p' || ((SELECT position >> 31 FROM public_search
    ORDER BY position DESC LIMIT 1) / 2592000)::text) AS tsquery);
END;
$$;

CREATE OR REPLACE FUNCTION public_search_sync(BIGINT) RETURNS void LANGUAGE sql AS $$
  DELETE FROM public_search WHERE proposal_id = $1;
  INSERT INTO public_search (position, proposal_id, tsv)
    SELECT position, id, public_search_tsv(tsv, position)
    FROM (SELECT COALESCE(p.published_at, 0) * 2147483648 + p.id AS position, p.id, s.tsv
          FROM proposals p JOIN proposal_search s ON s.proposal_id = p.id
          WHERE p.id = $1 AND p.is_published = 1 AND p.state = 'closed') published;
$$;

UPDATE public_search SET tsv = public_search_tsv(tsv, position);
ANALYZE public_search;
