-- Who may talk to the server. Only hashes (SHA-256) of secrets are stored.

-- The admin token created at first start (until user accounts exist).
CREATE TABLE admin_tokens (
  token_hash BLOB    PRIMARY KEY,
  created_ms INTEGER NOT NULL
) WITHOUT ROWID;

-- One-time codes an admin hands to a register for its enrollment.
CREATE TABLE enrollment_codes (
  code_hash      BLOB    PRIMARY KEY,
  register_id    TEXT    NOT NULL,
  replace_device INTEGER NOT NULL CHECK (replace_device IN (0, 1)),
  expires_ms     INTEGER NOT NULL,
  used_ms        INTEGER
) WITHOUT ROWID;

-- The device acting as each register: one per register (the lease), so a
-- register's journal can never fork.
CREATE TABLE devices (
  register_id TEXT    PRIMARY KEY,
  device_id   TEXT    NOT NULL,
  token_hash  BLOB    NOT NULL UNIQUE,
  enrolled_ms INTEGER NOT NULL
) WITHOUT ROWID;
