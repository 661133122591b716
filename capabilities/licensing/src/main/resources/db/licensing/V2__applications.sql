-- Applications for licences (sealed statements: only the developer and the regulator read these rows), the
-- regulator's decisions on them, notices sent to authorized providers when a licence is suspended or revoked, and
-- the providers' acknowledgements of notices (including overrun notices, which the server raises from settled usage).
CREATE TABLE licence_application (
    developer        text NOT NULL,
    application_id   text NOT NULL,
    run              text NOT NULL,
    planned_flop     text NOT NULL,
    architecture_flop double precision,
    hardware_flop    double precision NOT NULL,
    chip             text NOT NULL,
    chip_count       integer NOT NULL,
    clusters         text NOT NULL,
    schedule_start   timestamptz NOT NULL,
    schedule_end     timestamptz NOT NULL,
    safety_case      text NOT NULL,
    version          integer NOT NULL,
    state            text NOT NULL,
    decision_reasons text NOT NULL,
    conditions       text NOT NULL DEFAULT '[]',
    licence_id       text,
    commitment       text NOT NULL,
    log_index        bigint NOT NULL,
    decided_index    bigint,
    PRIMARY KEY (developer, application_id)
);

CREATE TABLE licence_notice (
    id          text NOT NULL,
    licence     text NOT NULL,
    provider    text NOT NULL,
    cause       text NOT NULL,
    reason      text NOT NULL,
    issued_at   timestamptz NOT NULL,
    log_index   bigint NOT NULL,
    PRIMARY KEY (id, provider)
);
CREATE INDEX licence_notice_licence ON licence_notice (licence);

CREATE TABLE licence_notice_ack (
    notice     text NOT NULL,
    provider   text NOT NULL,
    licence    text NOT NULL,
    acked_at   timestamptz NOT NULL,
    log_index  bigint NOT NULL,
    PRIMARY KEY (notice, provider)
);
