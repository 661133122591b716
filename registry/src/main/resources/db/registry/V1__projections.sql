-- The registry's tables: projections of the transparency log, rebuilt identically by `cgov registry replay`.
-- Every row comes from statements in the log (and the payloads they commit to); nothing depends on the wall clock.

CREATE TABLE cursor (
    one       boolean PRIMARY KEY DEFAULT true CHECK (one),
    log_index bigint NOT NULL             -- the last log entry the projection has taken in; -1 before any
);
INSERT INTO cursor (log_index) VALUES (-1);

CREATE TABLE statement (
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

CREATE TABLE actor (
    id           text PRIMARY KEY,
    name         text NOT NULL,
    roles        text[] NOT NULL,
    jurisdiction text NOT NULL,
    log_index    bigint NOT NULL
);

CREATE TABLE actor_key (
    key_id        text PRIMARY KEY,       -- name+hexkeyid, the DSSE keyid
    actor_id      text NOT NULL REFERENCES actor (id),
    vkey          text NOT NULL,
    public_key    bytea NOT NULL,
    added_index   bigint NOT NULL,
    revoked_index bigint
);

CREATE TABLE customer (
    provider           text NOT NULL,
    customer_id        text NOT NULL,
    commitment         text NOT NULL,
    customer_type      text NOT NULL,
    legal_name         text NOT NULL,
    country            text NOT NULL,
    foreign_customer   boolean NOT NULL,
    verification_state text NOT NULL,
    verified_on        date,
    risk_rating        text NOT NULL,
    log_index          bigint NOT NULL,
    PRIMARY KEY (provider, customer_id)
);

CREATE TABLE beneficial_owner (
    provider    text NOT NULL,
    customer_id text NOT NULL,
    owner_key   text NOT NULL,
    name        text NOT NULL,
    country     text NOT NULL,
    PRIMARY KEY (provider, customer_id, owner_key),
    FOREIGN KEY (provider, customer_id) REFERENCES customer (provider, customer_id)
);
CREATE INDEX beneficial_owner_key ON beneficial_owner (owner_key);

CREATE TABLE access_event (
    provider    text NOT NULL,
    customer_id text NOT NULL,
    seq         int NOT NULL,
    ip_address  text,
    at          timestamptz,
    action      text,
    log_index   bigint NOT NULL,
    PRIMARY KEY (log_index, seq)
);

CREATE TABLE screening_list (
    name        text PRIMARY KEY,
    sha256      text NOT NULL,
    format      text NOT NULL,
    entries     int NOT NULL,
    log_index   bigint NOT NULL
);

CREATE TABLE screening_hit (
    provider     text NOT NULL,
    customer_id  text NOT NULL,
    list_name    text NOT NULL,
    entry_id     text NOT NULL,
    score        double precision NOT NULL,
    matched_name text NOT NULL,
    query_name   text NOT NULL,
    fields       text NOT NULL,
    source       text NOT NULL,
    log_index    bigint NOT NULL,
    PRIMARY KEY (provider, customer_id, list_name, entry_id)
);

CREATE TABLE usage_record (
    record_id   text PRIMARY KEY,
    provider    text NOT NULL,
    cluster     text NOT NULL,
    customer_id text NOT NULL,
    chip        text NOT NULL,
    chip_count  int NOT NULL,
    start_at    timestamptz NOT NULL,
    end_at      timestamptz NOT NULL,
    run_id      text,
    job_id      text,
    chip_hours  double precision NOT NULL,
    flop        double precision NOT NULL,
    flop_low    double precision,
    flop_high   double precision,
    log_index   bigint NOT NULL,
    withdrawn   boolean NOT NULL DEFAULT false
);
CREATE INDEX usage_record_customer ON usage_record (provider, customer_id);
CREATE INDEX usage_record_run ON usage_record (run_id) WHERE run_id IS NOT NULL;

CREATE TABLE run (
    developer       text NOT NULL,
    run_id          text NOT NULL,
    name            text,
    planned_flop    double precision,
    parameters      double precision,
    tokens          double precision,
    base_run        text,
    base_model_flop double precision,
    data_domain     text NOT NULL,
    cost_usd        double precision,
    commitment      text NOT NULL,
    log_index       bigint NOT NULL,
    PRIMARY KEY (developer, run_id)
);

-- Compute per subject (a customer account <provider>/<customer>, a run <developer>/<run>) and hour of usage end:
-- what monitoring reads instead of every usage row. A bucket's time is the latest end within its hour.
CREATE TABLE compute_hour (
    subject_kind text NOT NULL,
    subject_id   text NOT NULL,
    hour         timestamptz NOT NULL,
    last_end     timestamptz NOT NULL,
    flop         double precision NOT NULL,
    records      int NOT NULL,
    PRIMARY KEY (subject_kind, subject_id, hour)
);

-- Threshold monitoring: what each subject (a run, a beneficial owner, a customer account) has crossed, what is due,
-- and which alert fractions it has reached. Replaced for a subject whenever its compute changes.
CREATE TABLE finding (
    subject_kind text NOT NULL,
    subject_id   text NOT NULL,
    regime       text NOT NULL,
    verdict      text NOT NULL,
    in_force     boolean NOT NULL,        -- whether the regime binds on the day the finding is for
    measured     double precision,
    threshold    double precision NOT NULL,
    crossed_at   timestamptz,
    PRIMARY KEY (subject_kind, subject_id, regime)
);

CREATE TABLE obligation (
    subject_kind text NOT NULL,
    subject_id   text NOT NULL,
    regime       text NOT NULL,
    what         text NOT NULL,
    due_by       date,
    citation     text,
    PRIMARY KEY (subject_kind, subject_id, regime, what)
);

CREATE TABLE alert (
    subject_kind text NOT NULL,
    subject_id   text NOT NULL,
    regime       text NOT NULL,
    fraction     double precision NOT NULL,
    threshold    double precision NOT NULL,
    reached_at   timestamptz NOT NULL,
    PRIMARY KEY (subject_kind, subject_id, regime, fraction)
);
