-- Master data (docs/master-data.md): the organisation, stores, registers, payment
-- types, VAT keys, and the catalog the registers receive (product groups, articles
-- with their GTINs, store prices). The database enforces keys, uniqueness (one
-- article per GTIN, per PLU) and references, not only the code.
-- (SQLite twin of schema/postgres/V004__master_data.sql.)

-- The one organisation (id is always 1).
CREATE TABLE organisation (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  name       TEXT    NOT NULL,
  street     TEXT    NOT NULL,
  postcode   TEXT    NOT NULL,
  city       TEXT    NOT NULL,
  country    TEXT    NOT NULL,
  tax_number TEXT    NOT NULL,  -- '' when none
  vat_id     TEXT    NOT NULL,  -- '' when none
  CHECK (tax_number <> '' OR vat_id <> '')
);

CREATE TABLE stores (
  store_id   TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  street     TEXT NOT NULL,
  postcode   TEXT NOT NULL,
  city       TEXT NOT NULL,
  country    TEXT NOT NULL,
  tax_number TEXT NOT NULL,
  vat_id     TEXT NOT NULL,
  time_zone  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE registers (
  register_id      TEXT PRIMARY KEY,
  store_id         TEXT NOT NULL REFERENCES stores(store_id),
  label            TEXT NOT NULL,
  brand            TEXT NOT NULL,
  model            TEXT NOT NULL,
  software_brand   TEXT NOT NULL,
  software_version TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX registers_by_store ON registers(store_id, register_id);

CREATE TABLE payment_types (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('Bar', 'Unbar', 'Keine', 'ECKarte', 'Kreditkarte',
                                     'ElZahlungsdienstleister', 'Guthabenkarte'))
) WITHOUT ROWID;
INSERT INTO payment_types(code, name, kind) VALUES
  ('cash', 'Bargeld', 'Bar'),
  ('girocard', 'girocard', 'ECKarte'),
  ('credit_card', 'Kreditkarte', 'Kreditkarte'),
  ('voucher', 'Gutschein', 'Guthabenkarte');

-- DSFinV-K UST_SCHLUESSEL with rates in basis points (domain VatTable::Germany()).
-- A rate change is a new row from its valid_from_ms.
CREATE TABLE vat_keys (
  vat_key       INTEGER NOT NULL,
  valid_from_ms INTEGER NOT NULL,
  valid_to_ms   INTEGER,
  rate_bp       INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
  description   TEXT    NOT NULL,
  PRIMARY KEY (vat_key, valid_from_ms),
  CHECK (valid_to_ms IS NULL OR valid_to_ms > valid_from_ms)
) WITHOUT ROWID;
INSERT INTO vat_keys(vat_key, valid_from_ms, rate_bp, description) VALUES
  (1, 0, 1900, 'Regelsteuersatz'),
  (2, 0, 700, 'Ermäßigter Steuersatz'),
  (3, 0, 780, 'Durchschnittsatz (§ 24 Abs. 1 Nr. 3 UStG)'),
  (4, 0, 550, 'Durchschnittsatz (§ 24 Abs. 1 Nr. 1 UStG)'),
  (5, 0, 0, 'Nicht Steuerbar'),
  (6, 0, 0, 'Umsatzsteuerfrei'),
  (7, 0, 0, 'UmsatzsteuerNichtErmittelbar'),
  (8, 0, 0, 'Ermäßigter Steuersatz (§ 12 Abs. 3 UStG)'),
  (11, 0, 1900, 'Historischer Regelsteuersatz 19 %'),
  (12, 0, 700, 'Historischer ermäßigter Steuersatz 7 %'),
  (13, 0, 1070, 'Historischer Durchschnittsatz 10,7 %'),
  (21, 0, 1600, 'Historischer Regelsteuersatz 16 %'),
  (22, 0, 500, 'Historischer ermäßigter Steuersatz 5 %'),
  (23, 0, 950, 'Historischer Durchschnittsatz 9,5 %'),
  (33, 0, 900, 'Historischer Durchschnittsatz 9,0 %'),
  (43, 0, 840, 'Historischer Durchschnittsatz 8,4 %');
-- What articles reference: the keys themselves, whatever their rates over time.
CREATE TABLE vat_key_ids (vat_key INTEGER PRIMARY KEY);
INSERT INTO vat_key_ids(vat_key) SELECT DISTINCT vat_key FROM vat_keys;

-- The catalog version: one row, incremented first thing in every transaction that
-- changes the catalog. The row lock serialises those writers, so versions commit in
-- order and a reader never sees version N+1 without N (catalog_feed.h).
CREATE TABLE catalog_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL CHECK (version >= 0)
);
INSERT INTO catalog_version(id, version) VALUES (1, 0);

-- version: the catalog version of the record's last change.
CREATE TABLE product_groups (
  group_id TEXT    PRIMARY KEY,
  name     TEXT    NOT NULL,
  version  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX product_groups_by_version ON product_groups(version);

CREATE TABLE articles (
  number   TEXT    PRIMARY KEY,
  text     TEXT    NOT NULL,
  plu      INTEGER UNIQUE CHECK (plu BETWEEN 1 AND 99999),
  vat_key  INTEGER NOT NULL REFERENCES vat_key_ids(vat_key),
  group_id TEXT    NOT NULL REFERENCES product_groups(group_id),
  unit     TEXT    NOT NULL CHECK (unit IN ('piece', 'kg', 'l', 'm')),
  version  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX articles_by_version ON articles(version);

-- gtin14: the GTIN zero-padded to 14 digits, the form GS1 compares; one article per GTIN.
CREATE TABLE article_gtins (
  gtin14   TEXT    PRIMARY KEY,
  gtin     TEXT    NOT NULL,  -- as sent
  article  TEXT    NOT NULL REFERENCES articles(number) ON DELETE CASCADE,
  position INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX article_gtins_by_article ON article_gtins(article, position);

CREATE TABLE prices (
  store_id         TEXT    NOT NULL REFERENCES stores(store_id),
  article          TEXT    NOT NULL REFERENCES articles(number) ON DELETE CASCADE,
  valid_from_ms    INTEGER NOT NULL CHECK (valid_from_ms >= 0),
  valid_to_ms      INTEGER,
  unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
  version          INTEGER NOT NULL,
  PRIMARY KEY (store_id, article, valid_from_ms),
  CHECK (valid_to_ms IS NULL OR valid_to_ms > valid_from_ms)
) WITHOUT ROWID;
CREATE INDEX prices_by_version ON prices(store_id, version);
CREATE INDEX prices_by_article ON prices(article);

-- Tombstones: what deltas must delete. An upsert of the same key removes its tombstone.
CREATE TABLE article_tombstones (
  number  TEXT    PRIMARY KEY,
  version INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX article_tombstones_by_version ON article_tombstones(version);

CREATE TABLE price_tombstones (
  store_id      TEXT    NOT NULL,
  article       TEXT    NOT NULL,
  valid_from_ms INTEGER NOT NULL,
  version       INTEGER NOT NULL,
  PRIMARY KEY (store_id, article, valid_from_ms)
) WITHOUT ROWID;
CREATE INDEX price_tombstones_by_version ON price_tombstones(store_id, version);
