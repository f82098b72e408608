-- The register's own database (DATA_DIR/register.db). See docs/journal-format.md.

-- The journal: one row per finished Vorgang, append-only, numbered without gaps.
-- `body` is the entry's canonical JSON (journal/entry_json.h); the other columns
-- repeat what queries need.
CREATE TABLE journal (
  seq            INTEGER PRIMARY KEY,
  kind           TEXT    NOT NULL,
  closing_number INTEGER NOT NULL CHECK (closing_number >= 1),
  receipt_number INTEGER UNIQUE CHECK (receipt_number >= 1),
  original_ref   TEXT,   -- "<register id>/<receipt id>" of the receipt a return refers to
  recorded_ms    INTEGER NOT NULL,
  body           TEXT    NOT NULL
);
CREATE INDEX journal_by_closing ON journal(closing_number, kind);
CREATE INDEX journal_by_original ON journal(original_ref) WHERE original_ref IS NOT NULL;

CREATE TRIGGER journal_seq_without_gaps BEFORE INSERT ON journal
WHEN NEW.seq IS NOT (SELECT COALESCE(MAX(seq), 0) + 1 FROM journal)
BEGIN SELECT RAISE(ABORT, 'journal seq must follow the last entry without a gap'); END;

CREATE TRIGGER journal_receipt_numbers_without_gaps BEFORE INSERT ON journal
WHEN NEW.receipt_number IS NOT NULL
 AND NEW.receipt_number IS NOT (SELECT COALESCE(MAX(receipt_number), 0) + 1 FROM journal)
BEGIN SELECT RAISE(ABORT, 'receipt numbers must follow the last one without a gap'); END;

CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

-- Sales not yet finished: slot 0 is the one being rung up, slots 1.. are parked.
-- `body` is a receipt draft (journal/entry_json.h EncodeReceiptDraft).
CREATE TABLE open_sale (
  slot      INTEGER PRIMARY KEY CHECK (slot >= 0),
  body      TEXT    NOT NULL,
  parked_ms INTEGER
);

-- Set while the signing unit is down (TV-14); cleared when it answers again.
CREATE TABLE tse_outage (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  started_ms INTEGER NOT NULL,
  reason     TEXT    NOT NULL
);

-- Counters of the software signing unit, committed with the journal.
CREATE TABLE software_tse (
  id                      INTEGER PRIMARY KEY CHECK (id = 1),
  last_transaction_number INTEGER NOT NULL,
  signature_counter       INTEGER NOT NULL
);
CREATE TABLE software_tse_open (
  client_id          TEXT    NOT NULL,
  transaction_number INTEGER NOT NULL,
  PRIMARY KEY (client_id, transaction_number)
);

-- How far the server has acknowledged the journal (sync client).
CREATE TABLE sync_state (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  acked_seq INTEGER NOT NULL CHECK (acked_seq >= 0)
);
INSERT INTO sync_state VALUES (1, 0);
