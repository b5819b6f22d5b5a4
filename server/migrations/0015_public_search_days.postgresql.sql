-- The latest 30-day period (migration 0013) grows with the country: at 2M proposals it held ~860
-- matches of a common word (停车), each read from the table and sorted for a page of 20, and the
-- public search cost 2.5× its cost at 10k (make bench). Each document now also holds its
-- publication day's token (U+E000 "d" and published_at / 86,400 s), and a search of more matches
-- than the list shows tries the latest two days' matches first (public_search_recent_days), then
-- the latest period's, then all. The two days hold every position from their start onwards, so
-- their first n matches, if they have n, are the search's first n.

-- A published proposal's document: its tokens, its period's and its day's ($2: the position).
CREATE OR REPLACE FUNCTION public_search_tsv(tsvector, BIGINT) RETURNS tsvector LANGUAGE sql
  IMMUTABLE AS $$
  SELECT $1 || array_to_tsvector(ARRAY[chr(57344) || 'p' || (($2 >> 31) / 2592000)::text,
                                       chr(57344) || 'd' || (($2 >> 31) / 86400)::text]);
$$;

-- The latest publication's day and the day before (NULL when nothing is published); like
-- public_search_latest, it reads the primary key's end whatever the caller's settings.
CREATE FUNCTION public_search_recent_days() RETURNS tsquery LANGUAGE plpgsql STABLE
  SET enable_indexscan = on AS $$
DECLARE
  latest BIGINT := (SELECT (position >> 31) / 86400 FROM public_search
                    ORDER BY position DESC LIMIT 1);
BEGIN
  RETURN CAST(quote_literal(chr(57344) || 'd' || latest::text) || ' | ' ||
              quote_literal(chr(57344) || 'd' || (latest - 1)::text) AS tsquery);
END;
$$;

UPDATE public_search SET tsv = public_search_tsv(tsv, position);
ANALYZE public_search;
