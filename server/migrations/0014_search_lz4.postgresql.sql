-- A search document's tokens (~1.2 KB) and tsvector (~4 KB) go to TOAST, compressed by pglz by
-- default, which works hard on text that hardly compresses: writing 200k documents took 42 s, 10
-- of them in pglz (make bench, `lvzhi seed scale`). lz4 gives up on such text quickly and reads
-- back faster. New values only; a server built without lz4 keeps pglz.
DO $$
BEGIN
  ALTER TABLE proposal_search ALTER COLUMN tokens SET COMPRESSION lz4,
    ALTER COLUMN tsv SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 is not built into this server: the search documents keep pglz';
END
$$;
