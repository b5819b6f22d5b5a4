-- Foundation: committees (the tenants), accounts, sessions, login throttling, settings, audit log.
-- Instants are UTC unix seconds (BIGINT); booleans are INTEGER 0/1 on both databases.

CREATE TABLE committees (
  id {{ID}},
  parent_id BIGINT REFERENCES committees(id),
  name TEXT NOT NULL UNIQUE,
  short_name TEXT NOT NULL DEFAULT '',
  level TEXT NOT NULL,            -- national | province | city | district
  is_active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX committees_parent ON committees(parent_id);

CREATE TABLE users (
  id {{ID}},
  committee_id BIGINT NOT NULL REFERENCES committees(id),
  username TEXT NOT NULL UNIQUE,  -- stored lower-case
  display_name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active',  -- active | disabled
  password_hash TEXT NOT NULL,
  password_changed_at BIGINT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  totp_secret TEXT,               -- base32, encrypted at rest; NULL until enrolled
  totp_pending_secret TEXT,       -- during enrolment
  totp_enabled INTEGER NOT NULL DEFAULT 0,
  totp_last_step BIGINT NOT NULL DEFAULT 0,  -- last accepted 30 s step: a code is never accepted twice
  last_login_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX users_committee ON users(committee_id, status);

CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);
CREATE INDEX user_roles_role ON user_roles(role);

CREATE TABLE password_history (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX password_history_user ON password_history(user_id, created_at);

CREATE TABLE recovery_codes (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  code_hash TEXT NOT NULL,        -- SHA-256 hex of the normalized code
  used_at BIGINT
);
CREATE INDEX recovery_codes_user ON recovery_codes(user_id);

-- The token itself never touches the database: id is SHA-256 hex of the cookie value.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  mfa_pending INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_last_seen ON sessions(last_seen_at);

-- Failed logins counted per username as typed (existing or not), so a lockout reveals nothing.
CREATE TABLE login_throttle (
  username TEXT PRIMARY KEY,
  failed_count INTEGER NOT NULL DEFAULT 0,
  window_start BIGINT NOT NULL,
  locked_until BIGINT NOT NULL DEFAULT 0
);

-- Fixed-window counters shared by every instance (per-IP login limit and the like).
CREATE TABLE rate_limits (
  bucket TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  hits INTEGER NOT NULL
);

-- Settings: committee_id 0 = platform-wide. value is JSON text.
CREATE TABLE settings (
  committee_id BIGINT NOT NULL DEFAULT 0,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT,
  PRIMARY KEY (committee_id, key)
);

-- Append-only and hash-chained: hash = SHA-256(prev_hash | canonical row). See domain/audit.
CREATE TABLE audit_log (
  id {{ID}},
  at BIGINT NOT NULL,
  actor_id BIGINT,                -- NULL for anonymous (failed login) and the CLI
  actor_name TEXT NOT NULL DEFAULT '',
  committee_id BIGINT,
  ip TEXT NOT NULL DEFAULT '',
  request_id TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,           -- e.g. user.create, auth.login_failed
  object_type TEXT NOT NULL DEFAULT '',
  object_id TEXT NOT NULL DEFAULT '',
  changes TEXT NOT NULL DEFAULT '{}',  -- JSON: {"field": [old, new]} or details
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_at ON audit_log(at);
CREATE INDEX audit_actor ON audit_log(actor_id, at);
CREATE INDEX audit_action ON audit_log(action, at);
CREATE INDEX audit_object ON audit_log(object_type, object_id);

-- One row that every writer locks before appending, so concurrent PostgreSQL writers cannot fork the chain.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY,
  last_id BIGINT NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, '');
