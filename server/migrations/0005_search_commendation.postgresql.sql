-- The same tokens as a tsvector, built from the array (no text-search parser or dictionary in
-- between, so nothing is stemmed, dropped or split differently from SQLite).
ALTER TABLE proposal_search ADD COLUMN tsv tsvector
  GENERATED ALWAYS AS (array_to_tsvector(string_to_array(tokens, ' '))) STORED;
CREATE INDEX proposal_search_tsv ON proposal_search USING GIN (tsv);
