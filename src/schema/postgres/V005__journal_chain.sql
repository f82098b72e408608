-- What the server checks across a register's entries (server/journal_chain.h):
-- the signing unit pinned for the register, the TSE counters it last signed,
-- the last receipt number, whether the journal has an outage open, and the last
-- replay conflict an operator has to look at (docs/sync-protocol.md).
ALTER TABLE register_progress
  ADD COLUMN tse_serial TEXT,                                  -- NULL: no signing unit pinned yet
  ADD COLUMN tse_public_key TEXT,                              -- base64 of the pinned unit's EC point
  ADD COLUMN tse_pinned_seq BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN tse_last_counter BIGINT NOT NULL DEFAULT 0,       -- signature counter of the last finish
  ADD COLUMN tse_last_transaction BIGINT NOT NULL DEFAULT 0,   -- highest transaction number
  ADD COLUMN last_receipt_number BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN outage_started_ms BIGINT NOT NULL DEFAULT 0,      -- 0: no outage open
  ADD COLUMN outage_ended_ms BIGINT NOT NULL DEFAULT 0,        -- end of the last outage
  ADD COLUMN conflict_seq BIGINT NOT NULL DEFAULT 0,           -- 0: no conflict open
  ADD COLUMN conflict_ms BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN conflict_reason TEXT;

UPDATE register_progress SET last_receipt_number = (
  SELECT COALESCE(MAX(receipt_number), 0) FROM journal_entries j WHERE j.register_id = register_progress.register_id);

-- A quarantined entry does not hold its receipt number: a forgery must not take
-- the number the register's real entry needs.
DROP INDEX journal_entries_by_receipt;
CREATE UNIQUE INDEX journal_entries_by_receipt ON journal_entries(register_id, receipt_number)
  WHERE receipt_number IS NOT NULL AND quarantine IS NULL;

-- Quarantined entries an operator set aside to let the register's real entries
-- in (kasse journal release): kept for the auditor, never deleted.
CREATE TABLE journal_set_aside (
  register_id  TEXT   NOT NULL,
  seq          BIGINT NOT NULL,
  kind         TEXT   NOT NULL,
  body         TEXT   NOT NULL,
  quarantine   TEXT   NOT NULL,
  received_ms  BIGINT NOT NULL,
  set_aside_ms BIGINT NOT NULL,
  reason       TEXT   NOT NULL,
  PRIMARY KEY (register_id, seq, set_aside_ms)
);

-- Only quarantined entries may leave the journal, and only by being set aside.
CREATE FUNCTION journal_entries_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.quarantine IS NULL THEN
    RAISE EXCEPTION 'accepted journal entries are never deleted' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION journal_entries_refuse_delete();
