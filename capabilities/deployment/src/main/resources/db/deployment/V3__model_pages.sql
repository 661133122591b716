-- A model's page reads its certificates and authorizations a page at a time, in log order: these serve that order
-- for one model's root without sorting all of its rows.
CREATE INDEX IF NOT EXISTS certificate_root_log ON certificate (root, log_index);
CREATE INDEX IF NOT EXISTS authorization_grant_root_log ON authorization_grant (root, log_index);
