-- Budget accounting that survives a restart (docs/LICENSING.md, "Durable budget accounting").
--
-- licence_settlement: the projection of licence-settlement statements (the server signs one per licence and usage
-- report): each admitted job's hold turned into a charge of what it used. A licence's used FLOP is the sum of its
-- rows, so settled usage is in the log, replay reproduces it and a restart reads it back.
CREATE TABLE IF NOT EXISTS licence_settlement (
    hold_id         text PRIMARY KEY,        -- <provider>/<cluster>/<jobRef>, as admission named the hold
    licence         text NOT NULL,
    provider        text NOT NULL,
    cluster         text NOT NULL,
    job_ref         text NOT NULL,
    chip            text NOT NULL,
    chips           integer NOT NULL,
    elapsed_seconds bigint NOT NULL,
    held_flop       numeric NOT NULL,        -- the pre-charge the settlement released (0: usage without a hold)
    used_flop       numeric NOT NULL,        -- what was charged
    settled_at      timestamptz NOT NULL,    -- the statement's time
    log_index       bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS licence_settlement_licence ON licence_settlement (licence);

-- Open pre-charges are not statements (admission decisions stay out of the log), so they are not part of any
-- projection: replay compares every table of a projection schema with the log's, and a key compromise rebuilds the
-- live schema from the log. They live in the schema licensing_local, which no projection owns (this script runs for
-- each projection schema; IF NOT EXISTS makes every run after the first a no-op, and a replay or rebuild never drops
-- it). A row is written, and committed, before an admission answers "allow"; it is deleted once the job's
-- licence-settlement statement is logged. A server that holds no regulator signer key cannot sign settlements: it
-- settles here instead (used_flop and settled_at set), durable but not in the log.
CREATE SCHEMA IF NOT EXISTS licensing_local;
CREATE TABLE IF NOT EXISTS licensing_local.admission_hold (
    hold_id     text PRIMARY KEY,
    licence     text NOT NULL,
    provider    text NOT NULL,
    cluster     text NOT NULL,
    job_ref     text NOT NULL,
    chip        text NOT NULL,
    chips       integer NOT NULL,
    held_flop   numeric NOT NULL,
    admitted_at timestamptz NOT NULL,
    used_flop   numeric,
    settled_at  timestamptz,
    elapsed_seconds bigint
);
CREATE INDEX IF NOT EXISTS admission_hold_licence ON licensing_local.admission_hold (licence);
