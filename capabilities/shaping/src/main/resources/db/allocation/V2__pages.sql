-- The console reads proposals and awards a page at a time in id order. A researcher's own proposals are read by this
-- index in that order; an award's visibility to a researcher or provider is tested through these two.
CREATE INDEX IF NOT EXISTS alloc_proposal_researcher ON alloc_proposal (researcher, id);
CREATE INDEX IF NOT EXISTS alloc_resource_provider ON alloc_resource (provider, id);
