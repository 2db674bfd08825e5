-- The proof of consent: one row per choice, and the texts the choices refer to.
-- Written in the SQL that SQLite and PostgreSQL share: each migration runs on both.

-- consents: one visitor choice. (id, ts) is the consent cookie's id and ts:
-- the same pair posted twice is stored once.
CREATE TABLE consents (
    id          TEXT    NOT NULL,
    ts          BIGINT  NOT NULL,
    received_at BIGINT  NOT NULL,
    rev         INTEGER NOT NULL,
    texts_hash  TEXT    NOT NULL,
    lang        TEXT    NOT NULL,
    choice      TEXT    NOT NULL,
    categories  TEXT    NOT NULL,
    origin      TEXT    NOT NULL,
    path        TEXT    NOT NULL,
    PRIMARY KEY (id, ts)
);

-- Exports, daily counts and the retention go by the server's clock.
CREATE INDEX consents_received_at ON consents (received_at);

-- texts: what a visitor was shown in one language (canonical JSON), keyed by
-- its sha256, filled at every start from the configuration.
CREATE TABLE texts (
    hash       TEXT    NOT NULL PRIMARY KEY,
    lang       TEXT    NOT NULL,
    rev        INTEGER NOT NULL,
    content    TEXT    NOT NULL,
    first_seen BIGINT  NOT NULL
);
