-- The decision record (docs/LICENSING.md, "Decision record"): every answer of POST /api/v1/admission/decide, allow or
-- deny, for the provider that asked and for the regulator (a stream of denied large unlicensed jobs is the evasion
-- signal to look at; only allows leave a hold row).
--
-- Decisions are not statements: at a thousand a second they would dominate the transparency log. Like the hold rows
-- (V4), they are not derived from the log, so they live in the schema licensing_local, which no projection owns:
-- replay does not compare it, and a rebuild after a key compromise does not drop it. This script runs for each
-- projection schema; IF NOT EXISTS makes every run after the first a no-op.
--
-- Rows are written in batches by one background writer from a bounded queue (a full queue drops rows and counts them);
-- identical denies (the same job asking again with the same answer) written in one batch are one row with repeats and
-- the time of the last. Rows whose decided_at is older than the retention (cgov serve --decision-retention, default
-- 90 days) are deleted by a periodic cleanup.
-- The schema licensing_local is created by V4, which always runs before this script.
CREATE TABLE IF NOT EXISTS licensing_local.admission_decision (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    decided_at         timestamptz NOT NULL,
    provider           text NOT NULL,
    cluster            text NOT NULL,
    account            text NOT NULL,
    licence            text,                     -- null: the job named none
    job_ref            text NOT NULL,            -- the provider's reference ('' when it gave none)
    chip               text,                     -- null: a job without accelerators
    chips              integer NOT NULL,
    time_limit_minutes bigint NOT NULL,
    requested_flop     numeric NOT NULL,         -- the job's maximum compute, whole FLOP
    decision           text NOT NULL CHECK (decision IN ('allow', 'deny')),
    code               text NOT NULL,            -- Decision.code: licensed, de-minimis, licence-required, budget-exceeded, …
    reason             text NOT NULL,
    hold_id            text,                     -- the pre-charge of an allow under a licence (admission_hold.hold_id)
    repeats            integer NOT NULL DEFAULT 1 CHECK (repeats >= 1),
    last_at            timestamptz NOT NULL      -- decided_at of the last of the repeats
);
-- Newest first: everything (the regulator), one provider's, one licence's; the cleanup deletes by decided_at.
CREATE INDEX IF NOT EXISTS admission_decision_at ON licensing_local.admission_decision (decided_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS admission_decision_provider ON licensing_local.admission_decision (provider, decided_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS admission_decision_licence ON licensing_local.admission_decision (licence, decided_at DESC, id DESC);
