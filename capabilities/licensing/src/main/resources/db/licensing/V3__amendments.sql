-- Amendments: the regulator's signed changes to a licence's terms (budget, clusters, accounts, validity, conditions).
-- The licence row keeps the current terms; terms_index is the log entry that carries them (the licence statement, or
-- the latest amendment), which is what a provider's bundle must hold; licence_amendment keeps each amendment's changes.
ALTER TABLE licence ADD COLUMN IF NOT EXISTS amendments integer NOT NULL DEFAULT 0;
ALTER TABLE licence ADD COLUMN IF NOT EXISTS terms_index bigint;
UPDATE licence SET terms_index = log_index WHERE terms_index IS NULL;

CREATE TABLE IF NOT EXISTS licence_amendment (
    licence     text NOT NULL,
    number      integer NOT NULL,
    reason      text NOT NULL,
    changes     text NOT NULL,
    issued_at   timestamptz NOT NULL,
    log_index   bigint NOT NULL,
    PRIMARY KEY (licence, number)
);

-- What the server observed of a licence's settled usage (licence-meter statements it signs with the regulator's key it
-- holds): the 80% and 100% alerts and the overrun, each once, at the statement's time, with the figures it saw. An
-- overrun also writes a notice per authorized provider (id <licence>#overrun) in licence_notice.
CREATE TABLE IF NOT EXISTS licence_meter (
    licence       text NOT NULL,
    event         text NOT NULL,
    used_flop     text NOT NULL,
    released_flop text NOT NULL,
    observed_at   timestamptz NOT NULL,
    log_index     bigint NOT NULL,
    PRIMARY KEY (licence, event)
);
