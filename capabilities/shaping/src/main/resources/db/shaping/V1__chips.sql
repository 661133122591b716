-- The chip registry: batches of chips (or servers) held by an owner at a site, and the transfers between owners.
-- Everything here is derived from signed statements; replay rebuilds it and compares it row by row.
CREATE TABLE chip_batch (
    owner        text    NOT NULL,
    batch        text    NOT NULL,
    chip         text    NOT NULL,   -- canonical catalog name
    count        bigint  NOT NULL CHECK (count >= 0),
    site         text    NOT NULL,
    country      text    NOT NULL,
    network_gbps double precision,
    serials      text    NOT NULL,   -- JSON array, may be empty
    provenance   text    NOT NULL,   -- JSON array of {role, name}: vendor → distributor → data centre → owners
    log_index    bigint  NOT NULL,   -- the statement that created the row
    PRIMARY KEY (owner, batch)
);

CREATE TABLE chip_transfer (
    log_index      bigint PRIMARY KEY,
    from_owner     text   NOT NULL,
    batch          text   NOT NULL,
    chip           text   NOT NULL,
    count          bigint NOT NULL,
    to_owner       text   NOT NULL,
    to_site        text   NOT NULL,
    to_country     text   NOT NULL,
    day            date   NOT NULL,
    classification text   NOT NULL,
    action         text   NOT NULL,  -- ALLOW or FLAG; a BLOCKed transfer is refused and never logged
    reason         text   NOT NULL
);
