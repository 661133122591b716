-- Licences as the regulator issued them (terms: the licence JSON exactly as LicenceJson writes it), how many of
-- their tranches are released, and whether they stand. Everything here is derived from statements in the log.
CREATE TABLE licence (
    id                text PRIMARY KEY,
    developer         text NOT NULL,
    run               text NOT NULL,
    terms             text NOT NULL,
    tranches          integer NOT NULL,
    tranches_released integer NOT NULL,
    standing          text NOT NULL,
    standing_reason   text NOT NULL,
    log_index         bigint NOT NULL,
    updated_index     bigint NOT NULL
);
CREATE INDEX licence_developer ON licence (developer);
