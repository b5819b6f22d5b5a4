-- Organization and members: terms and plenary sessions, per-committee reference data, handling
-- units, the expert pool, and the member roster (one row per member per term, so a term change
-- never rewrites history). Personal contact data is sealed (AES-256-GCM) by the application.

CREATE TABLE terms (
  id {{ID}},
  committee_id BIGINT NOT NULL REFERENCES committees(id),
  number INTEGER NOT NULL,          -- 9 = 第九届
  start_date TEXT NOT NULL,
  end_date TEXT,                    -- NULL while open
  is_current INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (committee_id, number)
);

CREATE TABLE plenary_sessions (
  id {{ID}},
  committee_id BIGINT NOT NULL REFERENCES committees(id),
  term_id BIGINT NOT NULL REFERENCES terms(id),
  number INTEGER NOT NULL,          -- 2 = 二次会议
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (term_id, number)
);

-- Sectors, parties, special committees, member groups, streets, communities (parent = street),
-- buildings/parks. Names are unique per committee, kind and parent (checked by the application,
-- since the parent may be NULL).
CREATE TABLE reference_items (
  id {{ID}},
  committee_id BIGINT NOT NULL REFERENCES committees(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  code TEXT NOT NULL DEFAULT '',
  parent_id BIGINT REFERENCES reference_items(id),
  sort_order INTEGER NOT NULL DEFAULT 0,
  is_active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX reference_items_kind ON reference_items(committee_id, kind, sort_order, name);
CREATE INDEX reference_items_parent ON reference_items(parent_id);

CREATE TABLE handling_units (
  id {{ID}},
  committee_id BIGINT NOT NULL REFERENCES committees(id),
  name TEXT NOT NULL,
  short_name TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL,           -- government | court_procuratorate | mass_organization | enterprise | other
  contact_name TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',  -- an office number, not personal data
  is_active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (committee_id, name)
);

-- Unit clerks and heads belong to a handling unit.
ALTER TABLE users ADD COLUMN unit_id BIGINT REFERENCES handling_units(id);
CREATE INDEX users_unit ON users(unit_id);

CREATE TABLE experts (
  id {{ID}},
  committee_id BIGINT NOT NULL REFERENCES committees(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,               -- invited (特邀委员) | advisor (顾问团队)
  field TEXT NOT NULL DEFAULT '',
  employer TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  phone_sealed TEXT NOT NULL DEFAULT '',
  is_active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX experts_committee ON experts(committee_id, is_active);

CREATE TABLE members (
  id {{ID}},
  committee_id BIGINT NOT NULL REFERENCES committees(id),
  term_id BIGINT NOT NULL REFERENCES terms(id),
  user_id BIGINT REFERENCES users(id),
  member_no TEXT NOT NULL,          -- 委员编号: the stable key of roster imports within a term
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,           -- ICU pinyin collation key (hex): ORDER BY gives pinyin order
  gender TEXT NOT NULL,             -- male | female
  ethnicity TEXT NOT NULL DEFAULT '',
  birth_date TEXT,
  party_id BIGINT REFERENCES reference_items(id),
  sector_id BIGINT REFERENCES reference_items(id),
  employer TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  is_standing INTEGER NOT NULL DEFAULT 0,
  is_hk_macao INTEGER NOT NULL DEFAULT 0,
  phone_sealed TEXT NOT NULL DEFAULT '',
  email_sealed TEXT NOT NULL DEFAULT '',
  id_number_sealed TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active',  -- active | resigned | removed | term_ended
  status_date TEXT,
  status_reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (term_id, member_no)
);
CREATE INDEX members_roster ON members(term_id, status, name_key);
CREATE INDEX members_committee ON members(committee_id, term_id);
CREATE INDEX members_sector ON members(sector_id);
CREATE INDEX members_party ON members(party_id);
CREATE INDEX members_user ON members(user_id);

-- Special committees and member groups a member belongs to.
CREATE TABLE member_memberships (
  member_id BIGINT NOT NULL REFERENCES members(id),
  item_id BIGINT NOT NULL REFERENCES reference_items(id),
  PRIMARY KEY (member_id, item_id)
);
CREATE INDEX member_memberships_item ON member_memberships(item_id);
