-- Allocation programmes (after NSF ACCESS / NAIRR and ColdFront): programmes, calls, resources with dated exchange
-- rates, proposals, reviews, awards, progress reports and change requests. Projections of signed statements; replay
-- rebuilds them and compares them row by row. Draw-down is not stored: it is read from accounting's usage records.
CREATE TABLE alloc_programme (
    id        text   PRIMARY KEY,
    name      text   NOT NULL,
    officer   text   NOT NULL,   -- the regulator actor that runs it
    log_index bigint NOT NULL
);

CREATE TABLE alloc_call (
    id        text   PRIMARY KEY,
    programme text   NOT NULL REFERENCES alloc_programme (id),
    title     text   NOT NULL,
    opens     date   NOT NULL,
    closes    date   NOT NULL,
    tiers     text   NOT NULL,   -- JSON array of tier names
    resources text   NOT NULL,   -- JSON array of resource ids
    log_index bigint NOT NULL
);

CREATE TABLE alloc_resource (
    id        text   PRIMARY KEY,
    programme text   NOT NULL REFERENCES alloc_programme (id),
    provider  text   NOT NULL,   -- the compute provider offering it; usage is matched by provider, cluster and chip
    chip      text   NOT NULL,   -- canonical catalog name
    cluster   text   NOT NULL,
    gres_type text,
    log_index bigint NOT NULL
);

-- A rate applies from its day until the next one; a change is never dated before the statement that makes it.
CREATE TABLE alloc_rate (
    resource             text             NOT NULL REFERENCES alloc_resource (id),
    effective_from       date             NOT NULL,
    credits_per_gpu_hour double precision NOT NULL,
    log_index            bigint           NOT NULL,
    PRIMARY KEY (resource, effective_from)
);

CREATE TABLE alloc_proposal (
    id            text   PRIMARY KEY,
    call          text   NOT NULL REFERENCES alloc_call (id),
    researcher    text   NOT NULL,  -- the developer actor that submitted it
    project       text   NOT NULL,
    pi_name       text   NOT NULL,
    pi_orcid      text   NOT NULL,
    field         text   NOT NULL,
    tier          text   NOT NULL,
    requested     text   NOT NULL,  -- JSON object resource → credits
    justification text   NOT NULL,
    submitted     date   NOT NULL,  -- the statement's day
    log_index     bigint NOT NULL
);

CREATE TABLE alloc_review (
    proposal    text   NOT NULL REFERENCES alloc_proposal (id),
    reviewer    text   NOT NULL,
    score       int    NOT NULL CHECK (score BETWEEN 1 AND 5),
    recommended text   NOT NULL,    -- JSON object resource → credits
    comments    text   NOT NULL,
    log_index   bigint NOT NULL,
    PRIMARY KEY (proposal, reviewer)
);

CREATE TABLE alloc_award (
    id                text    PRIMARY KEY,
    proposal          text    NOT NULL UNIQUE REFERENCES alloc_proposal (id),
    account           text    NOT NULL,  -- the Slurm account (and the provider's customer id) usage is charged to
    users             text    NOT NULL,  -- JSON array of Slurm user names
    start_day         date    NOT NULL,
    end_day           date    NOT NULL,
    status            text    NOT NULL,  -- ACTIVE, REVOKED, RENEWAL_REQUESTED (EXPIRED is derived from end_day)
    progress_accepted boolean NOT NULL,  -- the second half is released once a progress report is accepted
    amounts           text    NOT NULL,  -- JSON object resource → {requested, recommended, awarded}
    log_index         bigint  NOT NULL
);

CREATE TABLE alloc_report (
    log_index   bigint  PRIMARY KEY,
    award       text    NOT NULL REFERENCES alloc_award (id),
    summary     text    NOT NULL,
    day         date    NOT NULL,
    accepted_at bigint                 -- the decision that accepted it
);

CREATE TABLE alloc_change (
    award         text   NOT NULL REFERENCES alloc_award (id),
    id            text   NOT NULL,
    change        text   NOT NULL,     -- supplement, extension or renewal
    credits       text   NOT NULL,     -- JSON object resource → extra credits (may be empty)
    new_end       date,
    justification text   NOT NULL,
    state         text   NOT NULL,     -- PENDING, APPROVED, DENIED
    log_index     bigint NOT NULL,
    decided_at    bigint,
    PRIMARY KEY (award, id)
);
