-- The transparency log (RFC 9162 tree, C2SP tlog-tiles). One writer, the sequencer, appends entries, their
-- tiles and the new signed checkpoint in one transaction, so the three never disagree after a crash.

-- Entries: the exact bytes submitted (a DSSE envelope), never re-serialized. idx is contiguous from 0.
CREATE TABLE log_entry (
    idx         bigint      PRIMARY KEY CHECK (idx >= 0),
    leaf_hash   bytea       NOT NULL UNIQUE CHECK (length(leaf_hash) = 32),
    entry       bytea       NOT NULL CHECK (length(entry) BETWEEN 1 AND 65535),
    received_at timestamptz NOT NULL DEFAULT now()
);

-- Hash tiles: level L holds tree level 8L; a row grows from partial to full (256 hashes) and never changes after.
CREATE TABLE log_tile (
    level  smallint NOT NULL CHECK (level >= 0),
    idx    bigint   NOT NULL CHECK (idx >= 0),
    width  smallint NOT NULL CHECK (width BETWEEN 1 AND 256),
    hashes bytea    NOT NULL,
    PRIMARY KEY (level, idx),
    CHECK (length(hashes) = 32 * width)
);

-- The latest checkpoint signed by the log, and the latest published one (with the witness cosignatures required).
CREATE TABLE log_checkpoint (
    kind       text        PRIMARY KEY CHECK (kind IN ('signed', 'published')),
    size       bigint      NOT NULL CHECK (size >= 0),
    note       bytea       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
