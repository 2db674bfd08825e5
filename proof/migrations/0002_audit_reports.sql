-- The reports of `cookie-consent audit -proof-db`, listed on the operator pages.
-- Written in the SQL that SQLite and PostgreSQL share.

-- audit_reports: one audit of the portal. The counts are copied out of the
-- report for the list; report is the JSON report itself (docs/audit.md).
CREATE TABLE audit_reports (
    id           TEXT    NOT NULL PRIMARY KEY,
    started_at   BIGINT  NOT NULL,
    finished_at  BIGINT  NOT NULL,
    site         TEXT    NOT NULL,
    pages        INTEGER NOT NULL,
    pages_failed INTEGER NOT NULL,
    violations   INTEGER NOT NULL,
    warnings     INTEGER NOT NULL,
    exit_code    INTEGER NOT NULL,
    report       TEXT    NOT NULL
);

-- The list shows the latest first.
CREATE INDEX audit_reports_started_at ON audit_reports (started_at);
