-- Who may talk to the server. Only hashes (SHA-256) of secrets are stored.
-- (PostgreSQL twin of schema/sqlite/V002__credentials.sql.)

-- The admin token created at first start (until user accounts exist).
CREATE TABLE admin_tokens (
  token_hash BYTEA  PRIMARY KEY,
  created_ms BIGINT NOT NULL
);

-- One-time codes an admin hands to a register for its enrollment.
CREATE TABLE enrollment_codes (
  code_hash      BYTEA    PRIMARY KEY,
  register_id    TEXT     NOT NULL,
  replace_device SMALLINT NOT NULL CHECK (replace_device IN (0, 1)),
  expires_ms     BIGINT   NOT NULL,
  used_ms        BIGINT
);

-- The device acting as each register: one per register (the lease), so a
-- register's journal can never fork.
CREATE TABLE devices (
  register_id TEXT   PRIMARY KEY,
  device_id   TEXT   NOT NULL,
  token_hash  BYTEA  NOT NULL UNIQUE,
  enrolled_ms BIGINT NOT NULL
);
