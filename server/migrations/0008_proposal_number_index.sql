-- A search for a proposal's number ("12", "第0012号") looks it up in the committee.
CREATE INDEX proposals_number ON proposals(committee_id, number);
