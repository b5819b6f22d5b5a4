-- The public search counted a query's matches (up to 1,001) on every request, and a count reads the
-- GIN index's whole list of each word: at 2M proposals a common word (停车, ~30,000 published
-- matches) 2.4–3 ms, most of what the search cost more than at 10k (make bench). The number of
-- published documents holding each word (and each period's and day's token) is now kept, so a
-- one-word search knows its total without counting, and a word no document holds answers at once.
CREATE TABLE public_search_terms (
  term TEXT PRIMARY KEY,
  documents BIGINT NOT NULL
);

-- The counts move once per transaction, when it commits: each public search row written or gone is
-- staged here with its words, and the commit adds up the transaction's net change per word. Counted
-- row by row, a word held by every document was updated twice per document rewritten (every action
-- on a published proposal rewrites its row), and a bulk update of n published proposals in one
-- transaction cost n² (each update of a row walks the row's earlier versions of the transaction).
CREATE TABLE public_search_term_changes (
  xact BIGINT NOT NULL,     -- txid_current() of the transaction that made the change
  change INTEGER NOT NULL,  -- +1 a row written, -1 a row gone
  tsv tsvector NOT NULL
);
CREATE INDEX public_search_term_changes_xact ON public_search_term_changes (xact);

CREATE FUNCTION public_search_stage_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO public_search_term_changes (xact, change, tsv) VALUES (txid_current(), -1, OLD.tsv);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO public_search_term_changes (xact, change, tsv) VALUES (txid_current(), 1, NEW.tsv);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER public_search_terms_stage AFTER INSERT OR DELETE OR UPDATE OF tsv ON public_search
  FOR EACH ROW EXECUTE FUNCTION public_search_stage_terms();

-- At commit (a deferred trigger, queued once per row changed): the first call counts the whole
-- transaction's changes and marks it done; the others return. Words are written in their order, so
-- concurrent commits lock the rows they share in the same order (no deadlock between them). A
-- document written again unchanged (deleted and inserted) nets to nothing and writes nothing.
CREATE FUNCTION public_search_count_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('lvzhi.public_terms_counted', true) = txid_current()::text THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('lvzhi.public_terms_counted', txid_current()::text, true);
  INSERT INTO public_search_terms (term, documents)
    SELECT term, SUM(change) FROM public_search_term_changes,
      unnest(tsvector_to_array(tsv)) AS held(term)
    WHERE xact = txid_current() GROUP BY term HAVING SUM(change) <> 0 ORDER BY term
    ON CONFLICT (term) DO UPDATE SET documents = public_search_terms.documents + EXCLUDED.documents;
  DELETE FROM public_search_term_changes WHERE xact = txid_current();
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER public_search_terms_count AFTER INSERT OR DELETE OR UPDATE OF tsv
  ON public_search DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  EXECUTE FUNCTION public_search_count_terms();

-- Counts every row's words afresh: here, and after `seed scale`'s bulk load (which runs with the
-- triggers off).
CREATE FUNCTION public_search_terms_recount() RETURNS void LANGUAGE sql AS $$
  DELETE FROM public_search_terms;
  INSERT INTO public_search_terms (term, documents)
    SELECT term, COUNT(*) FROM public_search, unnest(tsvector_to_array(tsv)) AS held(term)
    GROUP BY term;
$$;
SELECT public_search_terms_recount();
ANALYZE public_search_terms;
