-- The server's copy of every register's journal (docs/sync-protocol.md).
-- Entries are stored byte for byte as the register encoded them; the database,
-- not only the code, guarantees one entry per (register, seq).
CREATE TABLE journal_entries (
  register_id    TEXT    NOT NULL,
  seq            INTEGER NOT NULL CHECK (seq >= 1),
  kind           TEXT    NOT NULL,
  receipt_number INTEGER,
  original_ref   TEXT,              -- "<register id>/<receipt id>" of the sale a return refers to
  body           TEXT    NOT NULL,
  quarantine     TEXT,              -- why the entry failed its checks; NULL when it passed
  received_ms    INTEGER NOT NULL,
  PRIMARY KEY (register_id, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX journal_entries_by_receipt ON journal_entries(register_id, receipt_number)
  WHERE receipt_number IS NOT NULL;
CREATE INDEX journal_entries_by_original ON journal_entries(original_ref) WHERE original_ref IS NOT NULL;
CREATE INDEX journal_entries_quarantined ON journal_entries(register_id) WHERE quarantine IS NOT NULL;

-- The highest seq per register up to which every entry is held: what the server acknowledges.
CREATE TABLE register_progress (
  register_id      TEXT    PRIMARY KEY,
  acked_seq        INTEGER NOT NULL CHECK (acked_seq >= 0),
  last_received_ms INTEGER NOT NULL DEFAULT 0,  -- when its last entry arrived (0: none yet)
  head_seq         INTEGER NOT NULL DEFAULT 0   -- the register's last seq as it reported it (its backlog = head_seq - acked_seq)
) WITHOUT ROWID;

CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
BEGIN SELECT RAISE(ABORT, 'journal entries are never changed'); END;
