-- The console reads an owner's chip transfers (sent or received) a page at a time in log order; these serve that
-- read for one owner (the regulator's, of every transfer, is the primary key's order).
CREATE INDEX IF NOT EXISTS chip_transfer_from_log ON chip_transfer (from_owner, log_index);
CREATE INDEX IF NOT EXISTS chip_transfer_to_log ON chip_transfer (to_owner, log_index);
