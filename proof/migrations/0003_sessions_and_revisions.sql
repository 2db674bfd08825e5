-- Issue 14: what a record may claim, and operator sessions that can end.
-- Written in the SQL that SQLite and PostgreSQL share.

-- texts_revisions: every configuration revision a texts document was
-- published under. The same texts may be shown under several revisions (a
-- revision raised to ask everyone again without changing a word), so the
-- revision is not a column of texts: a record's rev must be one of the
-- revisions of the hash it names.
CREATE TABLE texts_revisions (
    hash       TEXT    NOT NULL,
    rev        INTEGER NOT NULL,
    first_seen BIGINT  NOT NULL,
    PRIMARY KEY (hash, rev)
);

INSERT INTO texts_revisions (hash, rev, first_seen) SELECT hash, rev, first_seen FROM texts;

-- operator_sessions: one row per logged-in operator session, shared by every
-- server on the database, so that a logout on one ends the session on all.
-- id is the sha256 of the cookie's value (a copy of this table opens no
-- session). The cookie also carries an HMAC keyed by the operator token, so
-- that changing the token ends every session without the table holding
-- anything derived from the token.
CREATE TABLE operator_sessions (
    id         TEXT   NOT NULL PRIMARY KEY,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE INDEX operator_sessions_expires_at ON operator_sessions (expires_at);
