-- The register's article catalog: its store's articles, prices and product groups,
-- kept current by deltas from the server (src/catalog/catalog_delta.h).

-- The version of the last delta applied; one row.
CREATE TABLE catalog_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL CHECK (version >= 0)
);
INSERT INTO catalog_version (id, version) VALUES (1, 0);

CREATE TABLE product_group (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE article (
  number TEXT PRIMARY KEY,
  text TEXT NOT NULL,
  plu INTEGER UNIQUE,
  vat_key INTEGER NOT NULL,
  product_group TEXT NOT NULL REFERENCES product_group (id),
  unit TEXT NOT NULL CHECK (unit IN ('piece', 'kg', 'l', 'm'))
) WITHOUT ROWID;

-- gtin14: the GTIN's value as a number, equal for its 8-, 12-, 13- and 14-digit
-- spellings; digits: as the server sent it; position: its place in the article's list.
CREATE TABLE article_gtin (
  gtin14 INTEGER PRIMARY KEY,
  digits TEXT NOT NULL,
  article TEXT NOT NULL REFERENCES article (number),
  position INTEGER NOT NULL
);
CREATE INDEX article_gtin_by_article ON article_gtin (article, position);

-- Valid from valid_from_ms (inclusive) to valid_to_ms (exclusive, NULL: open-ended),
-- UTC milliseconds since the Unix epoch.
CREATE TABLE price (
  article TEXT NOT NULL REFERENCES article (number),
  valid_from_ms INTEGER NOT NULL,
  valid_to_ms INTEGER CHECK (valid_to_ms IS NULL OR valid_to_ms > valid_from_ms),
  unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
  PRIMARY KEY (article, valid_from_ms)
) WITHOUT ROWID;
