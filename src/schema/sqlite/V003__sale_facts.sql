-- Sale facts: every accepted receipt of every register, with its lines, payments
-- and VAT breakdown, derived from the journal by the SaleFacts projection in the
-- ingest transaction (src/server/sale_facts.h). Reporting and exports read these;
-- the signed journal entry stays the source of truth.
CREATE TABLE sale_receipts (
  register_id     TEXT NOT NULL,
  receipt_number  INTEGER NOT NULL,           -- BON_NR
  seq             INTEGER NOT NULL,           -- the journal entry
  closing_number  INTEGER NOT NULL,           -- Z_NR it belongs to
  receipt_type    TEXT NOT NULL,         -- Beleg, AVBelegabbruch, …
  is_return       INTEGER NOT NULL CHECK (is_return IN (0, 1)),
  cashier_id      TEXT NOT NULL,
  started_ms      INTEGER NOT NULL,
  finished_ms     INTEGER NOT NULL,
  business_day    TEXT NOT NULL,         -- YYYY-MM-DD in the store's time zone
  total_cents     INTEGER NOT NULL,
  change_cents    INTEGER NOT NULL,
  tse_signed      INTEGER NOT NULL CHECK (tse_signed IN (0, 1)),
  PRIMARY KEY (register_id, receipt_number)
) WITHOUT ROWID;
CREATE INDEX sale_receipts_by_day ON sale_receipts(business_day, register_id);

CREATE TABLE sale_lines (
  register_id         TEXT NOT NULL,
  receipt_number      INTEGER NOT NULL,
  line_no             INTEGER NOT NULL,       -- 1, 2, … in receipt order
  article             TEXT NOT NULL,
  text                TEXT NOT NULL,
  unit                TEXT NOT NULL,     -- piece, kg, l, m
  quantity_milli      INTEGER NOT NULL,       -- negative on returns
  unit_price_cents    INTEGER NOT NULL,
  line_discount_cents INTEGER NOT NULL,
  gross_cents         INTEGER NOT NULL,       -- after line and receipt discounts
  vat_key             INTEGER NOT NULL,
  product_group       TEXT NOT NULL,
  PRIMARY KEY (register_id, receipt_number, line_no),
  FOREIGN KEY (register_id, receipt_number) REFERENCES sale_receipts(register_id, receipt_number)
) WITHOUT ROWID;
CREATE INDEX sale_lines_by_article ON sale_lines(article);

CREATE TABLE sale_payments (
  register_id    TEXT NOT NULL,
  receipt_number INTEGER NOT NULL,
  payment_no     INTEGER NOT NULL,
  method         TEXT NOT NULL,          -- cash, girocard, credit_card, voucher
  amount_cents   INTEGER NOT NULL,            -- in euro
  currency       TEXT NOT NULL,          -- EUR or the foreign cash currency
  foreign_cents  INTEGER,
  PRIMARY KEY (register_id, receipt_number, payment_no),
  FOREIGN KEY (register_id, receipt_number) REFERENCES sale_receipts(register_id, receipt_number)
) WITHOUT ROWID;

CREATE TABLE sale_vat (
  register_id    TEXT NOT NULL,
  receipt_number INTEGER NOT NULL,
  vat_key        INTEGER NOT NULL,
  rate_bp        INTEGER NOT NULL,            -- basis points: 1900 = 19 %
  gross_cents    INTEGER NOT NULL,
  net_cents      INTEGER NOT NULL,
  vat_cents      INTEGER NOT NULL,
  PRIMARY KEY (register_id, receipt_number, vat_key),
  FOREIGN KEY (register_id, receipt_number) REFERENCES sale_receipts(register_id, receipt_number)
) WITHOUT ROWID;

-- Totals per register and business day, for live reports (kasse report).
CREATE TABLE sales_rollup (
  register_id    TEXT NOT NULL,
  business_day   TEXT NOT NULL,
  receipts       INTEGER NOT NULL,            -- Beleg receipts, returns included
  returns        INTEGER NOT NULL,
  aborts         INTEGER NOT NULL,
  gross_cents    INTEGER NOT NULL,            -- Σ Beleg totals (returns negative)
  cash_cents     INTEGER NOT NULL,            -- Σ payments by kind, net of change
  card_cents     INTEGER NOT NULL,
  other_cents    INTEGER NOT NULL,
  last_sale_ms   INTEGER NOT NULL,
  PRIMARY KEY (register_id, business_day)
) WITHOUT ROWID;
