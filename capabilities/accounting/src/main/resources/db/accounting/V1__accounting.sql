-- The accounting capability's tables: usage records, training runs, hourly compute buckets and threshold monitoring.
-- Projections of the transparency log, rebuilt identically by `cgov registry replay`; nothing depends on the wall
-- clock. IF NOT EXISTS: a data directory from before the kernel had these tables from the registry's first migration
-- already, with the same definitions.

CREATE TABLE IF NOT EXISTS usage_record (
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
CREATE INDEX IF NOT EXISTS usage_record_customer ON usage_record (provider, customer_id);
CREATE INDEX IF NOT EXISTS usage_record_run ON usage_record (run_id) WHERE run_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS run (
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
CREATE TABLE IF NOT EXISTS compute_hour (
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
CREATE TABLE IF NOT EXISTS finding (
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

CREATE TABLE IF NOT EXISTS obligation (
    subject_kind text NOT NULL,
    subject_id   text NOT NULL,
    regime       text NOT NULL,
    what         text NOT NULL,
    due_by       date,
    citation     text,
    PRIMARY KEY (subject_kind, subject_id, regime, what)
);

CREATE TABLE IF NOT EXISTS alert (
    subject_kind text NOT NULL,
    subject_id   text NOT NULL,
    regime       text NOT NULL,
    fraction     double precision NOT NULL,
    threshold    double precision NOT NULL,
    reached_at   timestamptz NOT NULL,
    PRIMARY KEY (subject_kind, subject_id, regime, fraction)
);
