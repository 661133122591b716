-- The customers capability's tables: KYC records (the public columns; the record itself stays sealed in the vault),
-- beneficial owners, access events, screening lists and the hits of every customer against them.
-- Projections of the transparency log, rebuilt identically by `cgov registry replay`; nothing depends on the wall
-- clock. IF NOT EXISTS: a data directory from before the kernel had these tables from the registry's first migration
-- already, with the same definitions.

CREATE TABLE IF NOT EXISTS customer (
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

CREATE TABLE IF NOT EXISTS beneficial_owner (
    provider    text NOT NULL,
    customer_id text NOT NULL,
    owner_key   text NOT NULL,
    name        text NOT NULL,
    country     text NOT NULL,
    PRIMARY KEY (provider, customer_id, owner_key),
    FOREIGN KEY (provider, customer_id) REFERENCES customer (provider, customer_id)
);
CREATE INDEX IF NOT EXISTS beneficial_owner_key ON beneficial_owner (owner_key);

CREATE TABLE IF NOT EXISTS access_event (
    provider    text NOT NULL,
    customer_id text NOT NULL,
    seq         int NOT NULL,
    ip_address  text,
    at          timestamptz,
    action      text,
    log_index   bigint NOT NULL,
    PRIMARY KEY (log_index, seq)
);

CREATE TABLE IF NOT EXISTS screening_list (
    name        text PRIMARY KEY,
    sha256      text NOT NULL,
    format      text NOT NULL,
    entries     int NOT NULL,
    log_index   bigint NOT NULL
);

CREATE TABLE IF NOT EXISTS screening_hit (
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
