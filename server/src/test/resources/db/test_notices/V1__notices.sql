-- A test-only capability's table: proves that a capability brings its own migrations, replayed and compared.
CREATE TABLE IF NOT EXISTS test_notice (
    author    text NOT NULL,
    text      text NOT NULL,
    log_index bigint PRIMARY KEY
);
