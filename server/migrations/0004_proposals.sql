-- Proposals (提案): the proposal, its proposers, its handling units' assignments, the timeline of
-- every step, attachments (files live outside the database, named by their SHA-256), key-proposal
-- supervision, per-session numbering, per-committee settings, and every user's notifications.
-- States and moves are the transition tables of contract/workflows.json.

CREATE TABLE proposals (
  id {{ID}},
  committee_id BIGINT NOT NULL REFERENCES committees(id),
  session_id BIGINT NOT NULL REFERENCES plenary_sessions(id),
  kind TEXT NOT NULL,                    -- plenary (大会提案) | inter_session (平时提案)
  proposer_kind TEXT NOT NULL,           -- member | collective
  collective_id BIGINT REFERENCES reference_items(id),  -- party, special committee, sector or group
  owner_user_id BIGINT NOT NULL REFERENCES users(id),   -- who drafts it (first proposer's account)
  title TEXT NOT NULL DEFAULT '',        -- 案由
  analysis TEXT NOT NULL DEFAULT '',     -- 情况分析
  suggestions TEXT NOT NULL DEFAULT '',  -- 具体建议
  category_id BIGINT REFERENCES reference_items(id),
  state TEXT NOT NULL,
  number INTEGER,                        -- per session, given at filing, never reused
  submitted_at BIGINT,
  filed_at BIGINT,
  closed_at BIGINT,
  not_file_ground TEXT NOT NULL DEFAULT '',
  disposition TEXT NOT NULL DEFAULT '',  -- after not_filed: opinion_report | member_letter | reference
  merged_into_id BIGINT REFERENCES proposals(id),
  assign_mode TEXT NOT NULL DEFAULT '',  -- single | separate | lead
  rating_round INTEGER NOT NULL DEFAULT 1,  -- 2 after re-handling
  consultation_required INTEGER NOT NULL DEFAULT 0,
  is_key INTEGER NOT NULL DEFAULT 0,
  supervisor_user_id BIGINT REFERENCES users(id),
  is_published INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,    -- optimistic lock: drafts are saved as the member types
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (session_id, number)
);
CREATE INDEX proposals_state ON proposals(committee_id, state, updated_at);
CREATE INDEX proposals_owner ON proposals(owner_user_id, state);
CREATE INDEX proposals_session ON proposals(session_id, number);
CREATE INDEX proposals_supervisor ON proposals(supervisor_user_id);

CREATE TABLE proposal_number_counters (
  session_id BIGINT PRIMARY KEY REFERENCES plenary_sessions(id),
  last_number INTEGER NOT NULL
);

-- The first proposer, invited co-signers (联名) and, after a merge (并案), the merged proposals'
-- proposers: everyone here who is accepted gets the reply and rates it.
CREATE TABLE proposal_proposers (
  id {{ID}},
  proposal_id BIGINT NOT NULL REFERENCES proposals(id),
  member_id BIGINT NOT NULL REFERENCES members(id),
  role TEXT NOT NULL,                    -- first | cosigner | merged
  status TEXT NOT NULL,                  -- invited | accepted | declined
  answered_at BIGINT,
  rating TEXT NOT NULL DEFAULT '',       -- satisfied | basically_satisfied | dissatisfied
  rating_round INTEGER NOT NULL DEFAULT 0,
  rating_comment TEXT NOT NULL DEFAULT '',
  rated_at BIGINT,
  rated_by_user_id BIGINT REFERENCES users(id),  -- staff entering a paper rating
  sort_order INTEGER NOT NULL DEFAULT 0,
  UNIQUE (proposal_id, member_id)
);
CREATE INDEX proposal_proposers_member ON proposal_proposers(member_id, status);

-- One row per handling unit per proposal (a re-assignment cancels the row and adds a new one).
CREATE TABLE proposal_assignments (
  id {{ID}},
  proposal_id BIGINT NOT NULL REFERENCES proposals(id),
  unit_id BIGINT NOT NULL REFERENCES handling_units(id),
  role TEXT NOT NULL,                    -- single | separate | lead | co
  state TEXT NOT NULL,
  assigned_on TEXT NOT NULL,             -- YYYY-MM-DD (Asia/Shanghai)
  deadline TEXT NOT NULL,
  extension_status TEXT NOT NULL DEFAULT '',  -- '' | requested | approved | rejected
  extension_reason TEXT NOT NULL DEFAULT '',
  opinion TEXT NOT NULL DEFAULT '',      -- a co-unit's opinion to the lead unit
  reply_class TEXT NOT NULL DEFAULT '',
  reply_text TEXT NOT NULL DEFAULT '',
  contact_method TEXT NOT NULL DEFAULT '',  -- face_to_face | meeting | phone | email | letter
  contact_date TEXT,
  contact_note TEXT NOT NULL DEFAULT '',
  signed_by_user_id BIGINT REFERENCES users(id),
  replied_on TEXT,                       -- the day staff accepted the reply
  replaced_by_id BIGINT REFERENCES proposal_assignments(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX proposal_assignments_proposal ON proposal_assignments(proposal_id);
CREATE INDEX proposal_assignments_unit ON proposal_assignments(unit_id, state, deadline);

-- The timeline: every step with who, when and the comment.
CREATE TABLE proposal_events (
  id {{ID}},
  proposal_id BIGINT NOT NULL REFERENCES proposals(id),
  assignment_id BIGINT REFERENCES proposal_assignments(id),
  action TEXT NOT NULL,
  from_state TEXT NOT NULL DEFAULT '',
  to_state TEXT NOT NULL DEFAULT '',
  actor_user_id BIGINT,                  -- NULL for the system's own moves
  actor_name TEXT NOT NULL DEFAULT '',
  capacity TEXT NOT NULL DEFAULT '',
  comment TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '{}',    -- JSON
  at BIGINT NOT NULL
);
CREATE INDEX proposal_events_proposal ON proposal_events(proposal_id, id);

CREATE TABLE proposal_attachments (
  id {{ID}},
  proposal_id BIGINT NOT NULL REFERENCES proposals(id),
  assignment_id BIGINT REFERENCES proposal_assignments(id),  -- set for a reply's attachments
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  uploaded_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX proposal_attachments_proposal ON proposal_attachments(proposal_id);

-- Supervision visits to key proposals (督办).
CREATE TABLE proposal_supervisions (
  id {{ID}},
  proposal_id BIGINT NOT NULL REFERENCES proposals(id),
  leader_user_id BIGINT NOT NULL REFERENCES users(id),
  visit_date TEXT NOT NULL,
  note TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX proposal_supervisions_proposal ON proposal_supervisions(proposal_id);

-- Every user's in-app inbox. dedupe_key keeps a reminder from being sent twice.
CREATE TABLE notifications (
  id {{ID}},
  committee_id BIGINT NOT NULL DEFAULT 0,
  user_id BIGINT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  dedupe_key TEXT NOT NULL DEFAULT '',
  read_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX notifications_inbox ON notifications(user_id, read_at, id);
CREATE UNIQUE INDEX notifications_dedupe ON notifications(user_id, dedupe_key) WHERE dedupe_key <> '';
CREATE INDEX proposals_category ON proposals(category_id);
CREATE INDEX proposals_collective ON proposals(collective_id);
