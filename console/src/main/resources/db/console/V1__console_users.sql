-- Console users: people who sign in to the web console, each bound to one registry actor and acting with its roles.
-- password_hash is an Argon2id PHC string computed on the user's machine; sealed_key, when present, is the actor's
-- signing key sealed under the user's password (AES-256-GCM, Argon2id-derived key), which the server cannot open
-- without that password. enrolled_by is the actor whose key signed the enrolment (the actor itself or a regulator).
CREATE TABLE console_user (
    username      text PRIMARY KEY,
    actor_id      text NOT NULL,
    password_hash text NOT NULL,
    sealed_key    text,
    enrolled_by   text NOT NULL,
    enrolled_at   timestamptz NOT NULL,
    statement_id  text NOT NULL UNIQUE
);
CREATE INDEX console_user_actor ON console_user (actor_id);
