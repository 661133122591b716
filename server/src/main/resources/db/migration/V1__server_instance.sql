-- One row naming this registry instance: created at first start, kept across restarts, reported by /health.
CREATE TABLE server_instance (
    id         uuid        PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    singleton  boolean     NOT NULL DEFAULT true UNIQUE CHECK (singleton)
);
INSERT INTO server_instance (id) VALUES (gen_random_uuid());
