-- Expiry of admission holds whose job never reports usage (docs/LICENSING.md, "Durable budget accounting").
--
-- A hold expires when admitted_at + its job's time limit + the server's grace (cgov serve --hold-grace, default 7 days)
-- has passed without a usage report; it is then settled at its whole pre-charge (used = held: fail-closed) by a
-- licence-settlement statement whose job says "unreported": true.
--
-- admission_hold.time_limit_seconds: the job's time limit as admission was asked (rows written from now on). Rows
-- from before this script have none: the sweep derives it from the pre-charge, inverting how admission computed it
-- (held_flop = chips x limit x the usage accounting's FLOP per chip-hour), rather than expiring them at admitted_at +
-- grace, which would charge a long job still running in full before it could report.
--
-- admission_hold.unreported: set on a hold row settled in place (by a server holding no regulator signer key, which
-- cannot sign the settlement) because it expired unreported.
--
-- licence_settlement.unreported: the projection of the statement's flag (false for every settlement before it), so
-- the burn-down shows what was charged for unreported jobs apart from reported usage.
--
-- Like V4, this script runs once for each projection schema: IF NOT EXISTS makes every later run on licensing_local
-- a no-op, and each projection schema gets its own licence_settlement column.
ALTER TABLE licensing_local.admission_hold ADD COLUMN IF NOT EXISTS time_limit_seconds bigint;
ALTER TABLE licensing_local.admission_hold ADD COLUMN IF NOT EXISTS unreported boolean NOT NULL DEFAULT false;
ALTER TABLE licence_settlement ADD COLUMN IF NOT EXISTS unreported boolean NOT NULL DEFAULT false;
