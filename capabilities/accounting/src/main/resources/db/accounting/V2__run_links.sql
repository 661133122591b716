-- Attribution links (issue 12): the providers and accounts a developer declares its run trains on. A declaration
-- from before links existed has none, which is what these defaults give its row on any data directory.
ALTER TABLE run ADD COLUMN IF NOT EXISTS providers text[] NOT NULL DEFAULT '{}';
ALTER TABLE run ADD COLUMN IF NOT EXISTS accounts text[] NOT NULL DEFAULT '{}';
