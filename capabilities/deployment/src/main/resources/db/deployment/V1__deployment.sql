-- The deployment capability's tables: models, evaluator accreditations, evaluation certificates, deployment
-- authorizations with their standing, deployments, incidents, corrective orders and off switches. Projections of the
-- log (replay rebuilds them row for row); every time in them is a statement's, never the wall clock's.

CREATE TABLE model (
    developer     text NOT NULL,
    model_id      text NOT NULL,
    name          text NOT NULL,
    root          text NOT NULL,
    serialization text NOT NULL,
    training_run  text,
    base_model    text,
    log_index     bigint NOT NULL,
    PRIMARY KEY (developer, model_id)
);
CREATE UNIQUE INDEX model_root ON model (root);

CREATE TABLE evaluator (
    evaluator   text PRIMARY KEY,
    scope       text NOT NULL,
    valid_until timestamptz,
    withdrawn   boolean NOT NULL,
    log_index   bigint NOT NULL
);

CREATE TABLE certificate (
    evaluator     text NOT NULL,
    cert_id       text NOT NULL,
    root          text NOT NULL,
    suite         text NOT NULL,
    suite_version text NOT NULL,
    verdict       text NOT NULL,
    evaluated_on  date NOT NULL,
    results       text NOT NULL,
    log_index     bigint NOT NULL,
    PRIMARY KEY (evaluator, cert_id)
);
CREATE INDEX certificate_root ON certificate (root);

CREATE TABLE authorization_grant (
    id          text PRIMARY KEY,
    regulator   text NOT NULL,
    model_name  text NOT NULL,
    root        text NOT NULL,
    regions     text NOT NULL,
    providers   text NOT NULL,
    usage       text NOT NULL,
    valid_from  timestamptz NOT NULL,
    valid_until timestamptz,
    state       text NOT NULL,
    reason      text NOT NULL,
    log_index   bigint NOT NULL
);
CREATE INDEX authorization_grant_root ON authorization_grant (root);

CREATE TABLE deployment (
    provider      text NOT NULL,
    deployment_id text NOT NULL,
    deployer      text NOT NULL,
    root          text NOT NULL,
    endpoint      text NOT NULL,
    region        text NOT NULL,
    authorization_id text,
    log_index     bigint NOT NULL,
    PRIMARY KEY (provider, deployment_id)
);

CREATE TABLE incident (
    filer         text NOT NULL,
    incident_id   text NOT NULL,
    provider      text NOT NULL,
    deployment_id text NOT NULL,
    severity      text NOT NULL,
    description   text NOT NULL,
    occurred_at   timestamptz NOT NULL,
    log_index     bigint NOT NULL,
    PRIMARY KEY (filer, incident_id)
);

CREATE TABLE corrective_order (
    id              text PRIMARY KEY,
    regulator       text NOT NULL,
    provider        text NOT NULL,
    deployment_id   text NOT NULL,
    measure         text NOT NULL,
    reason          text NOT NULL,
    issued_at       timestamptz NOT NULL,
    ack_by          timestamptz NOT NULL,
    comply_by       timestamptz NOT NULL,
    escalation_s    bigint NOT NULL,
    acknowledged_at timestamptz,
    complied_at     timestamptz,
    compliance_note text,
    log_index       bigint NOT NULL
);

CREATE TABLE off_switch (
    id        text PRIMARY KEY,
    owner     text NOT NULL,
    holders   text NOT NULL,
    threshold int NOT NULL,
    status    text NOT NULL,
    epoch     bigint NOT NULL,
    log_index bigint NOT NULL
);

CREATE TABLE switch_vote (
    switch_id text NOT NULL,
    epoch     bigint NOT NULL,
    holder    text NOT NULL,
    action    text NOT NULL,
    issued_at timestamptz NOT NULL,
    log_index bigint NOT NULL,
    PRIMARY KEY (switch_id, epoch, holder)
);
