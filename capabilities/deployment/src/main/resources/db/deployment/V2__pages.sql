-- The console reads its lists a page at a time (LIMIT/OFFSET in each list's order); these indexes serve those orders
-- without sorting every row. (Models, evaluators, deployments and switches are read in their primary keys' order.)
CREATE INDEX IF NOT EXISTS certificate_log ON certificate (log_index);
CREATE INDEX IF NOT EXISTS authorization_grant_log ON authorization_grant (log_index);
CREATE INDEX IF NOT EXISTS incident_log ON incident (log_index);
CREATE INDEX IF NOT EXISTS incident_deployment ON incident (provider, deployment_id, log_index);
CREATE INDEX IF NOT EXISTS corrective_order_log ON corrective_order (log_index);
CREATE INDEX IF NOT EXISTS corrective_order_provider ON corrective_order (provider, deployment_id, log_index);
