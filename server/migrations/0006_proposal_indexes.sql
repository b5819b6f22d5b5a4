-- Found by make bench: the proposal detail lists the proposals merged into it, which scanned the
-- whole proposals table (the detail cost grew with the table).
CREATE INDEX proposals_merged_into ON proposals(merged_into_id);
