-- Key compromise: a revocation may state since when a key was in other hands; what it signed after that does not
-- count (replay skips it, and the live projection is rebuilt the same way).
ALTER TABLE actor_key ADD COLUMN IF NOT EXISTS compromised_at timestamptz;

-- The root (bootstrap) regulator key after rotations: the genesis key is configuration, each rotation a statement
-- signed by the old and the new key. The current root is the row with the highest log index.
CREATE TABLE IF NOT EXISTS root_key (
    key_id     text PRIMARY KEY,
    vkey       text NOT NULL,
    public_key bytea NOT NULL,
    log_index  bigint NOT NULL UNIQUE
);
