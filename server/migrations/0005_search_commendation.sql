-- Full-text search, public disclosure and commendation for proposals (issue 6).
--
-- proposal_search holds each proposal's search tokens as one space-separated string, made in C++
-- (search/tokenizer: ICU words, Han runs as overlapping bigrams plus single characters), so
-- SQLite FTS5 and PostgreSQL tsvector index exactly the same tokens and answer the same way.
CREATE TABLE proposal_search (
  proposal_id BIGINT PRIMARY KEY REFERENCES proposals(id),
  committee_id BIGINT NOT NULL REFERENCES committees(id),
  tokens TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX proposal_search_committee ON proposal_search(committee_id);

ALTER TABLE proposals ADD COLUMN published_at BIGINT;
CREATE INDEX proposals_published ON proposals(is_published, published_at);

-- Yearly commendation: excellent proposals (优秀提案) and model handling units (先进承办单位),
-- proposed by staff, approved or rejected by a leader.
CREATE TABLE commendations (
  id {{ID}},
  committee_id BIGINT NOT NULL REFERENCES committees(id),
  year INTEGER NOT NULL,
  kind TEXT NOT NULL,                    -- excellent_proposal | model_unit
  proposal_id BIGINT REFERENCES proposals(id),
  unit_id BIGINT REFERENCES handling_units(id),
  reason TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,                   -- proposed | approved | rejected
  proposed_by BIGINT NOT NULL REFERENCES users(id),
  proposed_at BIGINT NOT NULL,
  decided_by BIGINT REFERENCES users(id),
  decided_at BIGINT,
  decision_comment TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL
);
CREATE INDEX commendations_year ON commendations(committee_id, year, kind);
CREATE UNIQUE INDEX commendations_proposal ON commendations(committee_id, year, kind, proposal_id)
  WHERE proposal_id IS NOT NULL;
CREATE UNIQUE INDEX commendations_unit ON commendations(committee_id, year, kind, unit_id)
  WHERE unit_id IS NOT NULL;
