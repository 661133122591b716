-- The console pages obligations and alerts (issue 11: no page renders an unbounded list): each page is read in the
-- lists' order with LIMIT/OFFSET, which these indexes serve without sorting every row.
CREATE INDEX IF NOT EXISTS obligation_page ON obligation (due_by NULLS LAST, subject_id, regime, what);
CREATE INDEX IF NOT EXISTS alert_page ON alert (reached_at, subject_id, regime, fraction);
