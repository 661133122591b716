-- The kernel's tables: projections of the transparency log that every capability relies on (the cursor, accepted
-- statements, actors and their keys). Rebuilt identically by `cgov registry replay`. IF NOT EXISTS: a data directory
-- from before the kernel had these tables from the registry's first migration already, with the same definitions.

CREATE TABLE IF NOT EXISTS cursor (
    one       boolean PRIMARY KEY DEFAULT true CHECK (one),
    log_index bigint NOT NULL             -- the last log entry the projection has taken in; -1 before any
);
INSERT INTO cursor (log_index) VALUES (-1) ON CONFLICT DO NOTHING;

CREATE TABLE IF NOT EXISTS statement (
    log_index    bigint PRIMARY KEY,
    issuer       text NOT NULL,
    statement_id text NOT NULL,
    kind         text NOT NULL,
    issued_at    timestamptz NOT NULL,
    subject      text NOT NULL,
    key_id       text NOT NULL,
    commitment   text,
    UNIQUE (issuer, statement_id)
);

CREATE TABLE IF NOT EXISTS actor (
    id           text PRIMARY KEY,
    name         text NOT NULL,
    roles        text[] NOT NULL,
    jurisdiction text NOT NULL,
    log_index    bigint NOT NULL
);

CREATE TABLE IF NOT EXISTS actor_key (
    key_id        text PRIMARY KEY,       -- name+hexkeyid, the DSSE keyid
    actor_id      text NOT NULL REFERENCES actor (id),
    vkey          text NOT NULL,
    public_key    bytea NOT NULL,
    added_index   bigint NOT NULL,
    revoked_index bigint
);
