-- Usage totals per customer account (issue 11: pages at 1,000,000 usage records): what the statistics, the customer
-- pages and the owners' league read instead of summing every usage row on each request. Kept by the usage kinds'
-- apply in the same transaction (added in a statement's record order, rebuilt in record-id order after a correction),
-- so replay reproduces it. A data directory from before this table gets it filled from its rows here.
CREATE TABLE IF NOT EXISTS account_usage (
    provider    text NOT NULL,
    customer_id text NOT NULL,
    records     bigint NOT NULL,
    chip_hours  double precision NOT NULL,
    flop        double precision NOT NULL,
    PRIMARY KEY (provider, customer_id)
);
INSERT INTO account_usage (provider, customer_id, records, chip_hours, flop)
SELECT provider, customer_id, count(*), sum(chip_hours ORDER BY record_id), sum(flop ORDER BY record_id)
FROM usage_record WHERE NOT withdrawn GROUP BY provider, customer_id
ON CONFLICT DO NOTHING;

-- The same totals per training run and provider: what attribution (a deployed model's run → the providers whose
-- compute trained it) reads instead of grouping the run's usage rows.
CREATE TABLE IF NOT EXISTS run_provider_usage (
    run_id     text NOT NULL,
    provider   text NOT NULL,
    records    bigint NOT NULL,
    chip_hours double precision NOT NULL,
    flop       double precision NOT NULL,
    PRIMARY KEY (run_id, provider)
);
INSERT INTO run_provider_usage (run_id, provider, records, chip_hours, flop)
SELECT run_id, provider, count(*), sum(chip_hours ORDER BY record_id), sum(flop ORDER BY record_id)
FROM usage_record WHERE NOT withdrawn AND run_id IS NOT NULL GROUP BY run_id, provider
ON CONFLICT DO NOTHING;
