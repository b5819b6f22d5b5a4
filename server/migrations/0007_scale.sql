-- Statistics select a committee's proposals by submission time (a year).
CREATE INDEX proposals_submitted ON proposals(committee_id, submitted_at);
