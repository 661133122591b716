-- The registry's confidential store: sealed payloads (KYC records, access events, usage records, runs) and public
-- attachments too big for the log (screening list files). Not a projection: replay reads it, never rebuilds it.
CREATE TABLE sealed_payload (
    commitment text PRIMARY KEY,          -- SHA-256("computegov/sealed/v1\n" || salt || payload), hex
    owner      text NOT NULL,             -- the actor who sealed it; it and the regulator may read it
    salt       bytea NOT NULL,
    payload    bytea NOT NULL,
    stored_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE attachment (
    sha256    text PRIMARY KEY,
    content   bytea NOT NULL,
    stored_at timestamptz NOT NULL DEFAULT now()
);
