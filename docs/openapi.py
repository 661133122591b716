"""Writes server/src/main/resources/openapi.json, the OpenAPI 3.1 description of the HTTP API.

Kept as a script because JSON has no comments and schemas repeat; run `python3 docs/openapi.py` after changing it.
The server serves the generated file at /api/openapi.json; OpenApiContractTest checks that it lists exactly the
routes the server has.
"""
import json, pathlib

def q(name, desc, schema=None, required=False, example=None):
    p = {"name": name, "in": "query", "required": required, "description": desc, "schema": schema or {"type": "string"}}
    if example is not None:
        p["example"] = example
    return p

num = {"type": "string", "description": "a number, e.g. 1e25"}
date = {"type": "string", "format": "date"}
nnum = {"type": ["number", "null"]}
nstr = {"type": ["string", "null"]}
problem_responses = {
    "400": {"description": "Invalid input", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
}
def ok(ref, desc="OK"):
    return {"200": {"description": desc, "content": {"application/json": {"schema": {"$ref": ref}}}}, **problem_responses}

K = "/api/v1/knowledge"
R = "/api/v1/registry"
T = "/api/v1/trends"
A = "/api/v1/allocation"

def prob(desc):
    return {"description": desc, "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}

def path(name, example):
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}, "example": example}

SIGNED = [{"httpMessageSignature": []}]

def signed(ref):
    """A read that needs an RFC 9421 request signature (Signature-Input covering @method @path @query, created; Ed25519)."""
    return {"200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": ref}}}}, **problem_responses,
            "401": prob("No request signature, or one that does not verify (unknown or revoked key, stale)"),
            "403": prob("The signer may not read this"), "404": prob("No such object")}
doc = {
  "openapi": "3.1.0",
  "info": {"title": "computegov API", "version": "0.1.0",
           "description": "Governing frontier AI through compute. Transparency log: C2SP tlog-tiles reads under /log, DSSE submissions, receipts and RFC 9162 proofs under /api/v1/log. Knowledge core: hardware catalog, ECCN 3A090 export-control classification, training-compute estimation, threshold regimes. Trends: growth of training compute from Epoch AI's notable-models data (CC-BY 4.0). Registry: signed statements (actors, keys, KYC, screening lists, usage, runs) logged and projected; reads signed with RFC 9421 HTTP message signatures. Errors are RFC 9457 problem details (application/problem+json). Unknown query parameters are rejected with 400."},
  "paths": {
    "/health": {"get": {"summary": "Server and database health", "operationId": "health",
        "responses": {"200": {"description": "Database answers", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
                      "503": {"description": "Database does not answer", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}}}},
    "/api/openapi.json": {"get": {"summary": "This document", "operationId": "openApi",
        "responses": {"200": {"description": "OpenAPI 3.1 document", "content": {"application/json": {}}}}}},
    K + "/chips": {"get": {"summary": "All accelerators in the catalog", "operationId": "listChips",
        "responses": ok("#/components/schemas/ChipList")}},
    K + "/chips/{name}": {"get": {"summary": "One accelerator, by name or alias (case-insensitive)", "operationId": "getChip",
        "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string"}, "example": "H100"}],
        "responses": ok("#/components/schemas/Chip")}},
    K + "/chips/{name}/classification": {"get": {"summary": "ECCN 3A090 classification, explained", "operationId": "classifyChip",
        "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string"}, "example": "H20"},
                       q("asOf", "date the rules are taken as of (default today)", date, example="2025-01-01")],
        "responses": ok("#/components/schemas/ExportClassification")}},
    K + "/estimate/architecture": {"get": {"summary": "Training compute from parameters and tokens (6·N·D)", "operationId": "estimateArchitecture",
        "parameters": [q("params", "total parameters N", num, True, "175e9"), q("tokens", "training tokens D", num, True, "300e9"),
                       q("activeParams", "active parameters per token (mixture of experts)", num),
                       q("recompute", "activation recomputation (8·N·D)", {"type": "boolean"})],
        "responses": ok("#/components/schemas/Estimate")}},
    K + "/estimate/hardware": {"get": {"summary": "Training compute from chips × peak × time × utilization", "operationId": "estimateHardware",
        "parameters": [q("chip", "accelerator name or alias", None, True, "H100"), q("count", "number of chips (with hours)", num, example="1024"),
                       q("hours", "wall-clock hours (with count)", num, example="720"), q("gpuHours", "accelerator-hours (instead of count and hours)", num),
                       q("precision", "FP64, TF32, FP16 (BF16), FP8, INT8 or FP4; default FP16", None),
                       q("utilization", "measured utilization, a fraction in (0, 1]", num),
                       q("utilizationRange", "uncertain utilization as LOW-HIGH, e.g. 0.2-0.5 (default when utilization is absent)", None),
                       q("modelKind", "language (30% default utilization) or other (40%)", None)],
        "responses": ok("#/components/schemas/Estimate")}},
    K + "/thresholds": {"get": {"summary": "Threshold regimes with their status, dates and obligations", "operationId": "listRegimes",
        "responses": ok("#/components/schemas/RegimeList")}},
    K + "/thresholds/check": {"get": {"summary": "Which regimes a training run falls under, why, and what is due by when", "operationId": "checkRun",
        "parameters": [q("flop", "this run's compute", num, True, "3.8e25"), q("baseFlop", "base model's cumulative compute, for a modification", num),
                       q("bio", "trained primarily on biological sequence data", {"type": "boolean"}),
                       q("costUsd", "training cost in USD", num), q("revenueUsd", "developer's annual revenue in USD", num),
                       q("date", "the day the compute is reached (default today); deadlines count from it", date)],
        "responses": ok("#/components/schemas/ThresholdReport")}},
    K + "/thresholds/cluster": {"get": {"summary": "Whether a cluster's peak capacity crosses cluster thresholds", "operationId": "checkCluster",
        "parameters": [q("opsPerSecond", "peak capacity in op/s", num, example="1e20"), q("chip", "accelerator (with count)", None),
                       q("count", "number of chips", num), q("networkGbps", "data-centre networking in Gbit/s", num),
                       q("date", "evaluation date (default today)", date)],
        "responses": ok("#/components/schemas/ThresholdReport")}},
    T + "/fit": {"get": {"summary": "Log-linear trend of training compute over time (Epoch AI notable models, CC-BY 4.0): growth per year, doubling time, t intervals", "operationId": "trendFit",
        "parameters": [q("from", "first publication date (default 2010-01-01)", date, example="2010-01-01"), q("to", "last publication date (default: end of the data)", date, example="2021-12-31"),
                       q("domain", "only models of this domain (any case), e.g. Language", None, example="Language"),
                       q("basis", "all (default) or frontier (largest run to date)", {"enum": ["all", "frontier"]}),
                       q("confidence", "confidence level of the intervals, in (0, 1); default 0.9", num)],
        "responses": ok("#/components/schemas/TrendFit")}},
    T + "/frontier": {"get": {"summary": "Models that were the largest training run to date when published", "operationId": "trendFrontier",
        "parameters": [q("from", "first publication date (default 2010-01-01)", date, example="2018-01-01"), q("to", "last publication date", date),
                       q("domain", "only models of this domain", None)],
        "responses": ok("#/components/schemas/Frontier")}},
    T + "/forecast": {"get": {"summary": "When the frontier trend reaches a level of training compute, with Fieller's interval", "operationId": "trendForecast",
        "parameters": [q("flop", "the level of training compute", num, True, "1e27"), q("from", "first publication date of the frontier fitted (default 2010-01-01)", date),
                       q("to", "last publication date", date), q("domain", "only models of this domain", None),
                       q("confidence", "confidence level, in (0, 1); default 0.9", num)],
        "responses": ok("#/components/schemas/CrossingForecast")}},
    T + "/domains": {"get": {"summary": "Domains in the data with the number of models that have a compute estimate", "operationId": "trendDomains",
        "responses": ok("#/components/schemas/Domains")}},
    K + "/chips/{name}/transfer": {"get": {"summary": "Export-control check of a chip transfer: ECCN 3A090 classification on the day against the destination policy (allow, flag or block, with the reason)", "operationId": "checkTransfer",
        "parameters": [path("name", "H100"), q("toCountry", "destination, ISO 3166-1 alpha-2", None, True, "AE"),
                       q("count", "how many chips (default 1)", num, example="512"), q("date", "day of the transfer (default today)", date, example="2026-03-01")],
        "responses": ok("#/components/schemas/TransferDecision")}},
    "/api/v1/concern/reach": {"get": {"summary": "How many of a chip reach each in-force training-compute threshold in one run within a window", "operationId": "concernReach",
        "parameters": [q("within", "the window in days", num, True, "90"), q("utilization", "fraction of dense FP16 peak (default 0.4)", num, example="0.4"),
                       q("chip", "reference chip (default A100)", None, example="H100"), q("date", "regimes as in force on this date (default today)", date)],
        "responses": ok("#/components/schemas/Reach")}},
    "/log/checkpoint": {"get": {"summary": "The latest published checkpoint (C2SP tlog-checkpoint signed note, with any witness cosignatures)", "operationId": "logCheckpoint",
        "responses": {"200": {"description": "Signed note", "content": {"text/plain": {}}}}}},
    "/log/tile/{path}": {"get": {"summary": "A hash tile or entry bundle (C2SP tlog-tiles): tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>]; full tiles are immutable", "operationId": "logTile",
        "parameters": [{"name": "path", "in": "path", "required": True, "description": "the tile path after /log/tile/, e.g. 0/x001/234.p/17 (may contain slashes)", "schema": {"type": "string"}, "example": "0/000.p/1"}],
        "responses": {"200": {"description": "Tile bytes", "content": {"application/octet-stream": {}}},
                      "404": {"description": "No such tile (yet) or a non-canonical path", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}},
    "/api/v1/log/info": {"get": {"summary": "The log's origin, size and checkpoint verifier key (C2SP vkey), for clients that pin the key on first use and verify every later checkpoint against it", "operationId": "logInfo",
        "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object", "required": ["origin", "size", "verifierKey"], "properties": {
            "origin": {"type": "string", "example": "computegov.local/log"}, "size": {"type": "integer"},
            "verifierKey": {"type": "string", "description": "name+keyid+base64 key, as `cgov log info` prints and pins"}}}}}}}}},
    "/api/v1/log/entries": {"post": {"summary": "Append a DSSE envelope signed by a trusted key; answers once it is durable and in a signed checkpoint", "operationId": "appendEntry",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Envelope"}}}},
        "responses": {"201": {"description": "Appended", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Receipt"}}}},
                      "200": {"description": "Already in the log (same bytes): its existing receipt", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Receipt"}}}},
                      "400": {"description": "Malformed envelope", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
                      "401": {"description": "No signature by a trusted key", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
                      "413": {"description": "Larger than 65535 bytes", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
                      "503": {"description": "Queue full or commit failed; retry (Retry-After)", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}},
    "/api/v1/log/entries/batch": {"post": {"summary": "Append up to 4096 envelopes, one per line (NDJSON, each line's exact bytes stored); all verified before any is appended", "operationId": "appendBatch",
        "requestBody": {"required": True, "content": {"application/x-ndjson": {"schema": {"type": "string"}}}},
        "responses": {"201": {"description": "Appended", "content": {"application/json": {"schema": {"type": "object", "properties": {"receipts": {"type": "array", "items": {"$ref": "#/components/schemas/Receipt"}}}}}}},
                      "400": {"description": "A malformed envelope (nothing appended)", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
                      "401": {"description": "An envelope without a trusted signature (nothing appended)", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}},
    "/api/v1/log/entries/{index}": {"get": {"summary": "An entry's exact bytes", "operationId": "getEntry",
        "parameters": [{"name": "index", "in": "path", "required": True, "schema": {"type": "integer"}, "example": "0"}],
        "responses": {"200": {"description": "The envelope as submitted", "content": {"application/json": {}}}, **problem_responses}}},
    "/api/v1/log/receipt": {"get": {"summary": "An entry's receipt against the latest checkpoint", "operationId": "getReceipt",
        "parameters": [q("index", "entry index", {"type": "integer"}, True, "0")], "responses": ok("#/components/schemas/Receipt")}},
    "/api/v1/log/proof/inclusion": {"get": {"summary": "RFC 9162 inclusion proof", "operationId": "inclusionProof",
        "parameters": [q("index", "leaf index", {"type": "integer"}, True, "0"), q("size", "tree size (at most the log's)", {"type": "integer"}, True, "1")],
        "responses": ok("#/components/schemas/InclusionProof")}},
    "/api/v1/log/proof/consistency": {"get": {"summary": "RFC 9162 consistency proof", "operationId": "consistencyProof",
        "parameters": [q("from", "earlier size (>= 1)", {"type": "integer"}, True, "1"), q("to", "later size", {"type": "integer"}, True, "1")],
        "responses": ok("#/components/schemas/ConsistencyProof")}},
    # ---- registry ----
    R + "/statements": {"post": {"summary": "Submit a signed registry statement (DSSE envelope carrying an in-toto Statement v1; docs/REGISTRY.md) with its sealed payload or attachment. Checked against registered keys and roles, appended to the log (durable), then applied", "operationId": "submitStatement",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Submission"}}}},
        "responses": {"201": {"description": "Accepted: in the log and applied", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Accepted"}}}},
                      "400": prob("Malformed statement or payload, clock skew, bad commitment (nothing appended)"),
                      "401": prob("Not signed by a registered, unrevoked key of its issuer"),
                      "403": prob("The issuer lacks the role the kind needs, or acts on another actor's object"),
                      "404": prob("The statement refers to something not registered (a customer, a base run, a record, a run named by usage: usage-run-undeclared)"),
                      "409": prob("Replayed statement id, existing actor or key, a record reported before with other values (usage-record-differs), usage with nothing new (usage-nothing-new), of a customer without a KYC record (usage-customer-unidentified) or naming a run it is not linked to (usage-run-not-linked)")}}},
    "/api/v1/console/users": {"post": {"summary": "Enrol a web-console user bound to an actor: a DSSE envelope (payload type application/vnd.computegov.console-user+json) signed by the actor's registered key or a regulator's, carrying the username, the actor, an Argon2id password hash computed by the client (at least m=19456, t=2) and optionally the actor's key sealed under the password. Not appended to the public log; its statement id is kept so it cannot be replayed. `cgov console user add` writes it", "operationId": "enrolConsoleUser",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Object"}}}},
        "responses": {"201": {"description": "Enrolled", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Object"}}}},
                      "400": prob("Not a DSSE envelope, wrong payload type, bad username, weak or malformed hash, clock skew"),
                      "401": prob("Not signed by a registered, unrevoked key, or the signature does not verify"),
                      "403": prob("The signer may not enrol users for that actor"),
                      "404": prob("No such actor"),
                      "409": prob("Username taken, or the enrolment was already applied")}}},
    R + "/actors": {"get": {"summary": "Registered actors, their roles and keys (public)", "operationId": "listActors",
        "responses": {"200": {"description": "Actors", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Actor"}}}}}}}},
    R + "/kinds": {"get": {"summary": "The statement kinds this registry runs: wire name, predicate type, signer roles, sealed or public, and the capability that runs each (public)", "operationId": "listKinds",
        "responses": {"200": {"description": "Kinds", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ObjectList"}}}}}}},
    R + "/stats": {"get": {"summary": "Public statistics: counts and totals, no identities", "operationId": "registryStats",
        "responses": {"200": {"description": "Statistics", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
    R + "/customers": {"get": {"summary": "Customers: a provider its own, a regulator all (signed request)", "operationId": "listCustomers",
        "parameters": [q("provider", "only this provider's (regulator)")], "security": SIGNED, "responses": signed("#/components/schemas/CustomerList")}},
    R + "/customers/{provider}/{customer}": {"get": {"summary": "One customer's KYC record, access events, screening hits and usage (its provider or a regulator)", "operationId": "getCustomer",
        "parameters": [path("provider", "cloud-a"), path("customer", "acct-frontier")], "security": SIGNED, "responses": signed("#/components/schemas/Object")}},
    R + "/usage": {"get": {"summary": "Usage records: a provider its own, a developer its runs', a regulator all (signed request)", "operationId": "listUsage",
        "parameters": [q("provider", "provider"), q("customer", "customer account"), q("run", "run as developer/run"), q("limit", "1..10000 (default 1000)", {"type": "integer"})],
        "security": SIGNED, "responses": signed("#/components/schemas/ObjectList")}},
    R + "/runs": {"get": {"summary": "Training runs with compute, findings, obligations, alerts and forecast: a developer its own, a regulator all", "operationId": "listRuns",
        "security": SIGNED, "responses": signed("#/components/schemas/ObjectList")}},
    R + "/runs/{developer}/{run}": {"get": {"summary": "One training run", "operationId": "getRun",
        "parameters": [path("developer", "frontier-lab"), path("run", "frontier-1")], "security": SIGNED, "responses": signed("#/components/schemas/Object")}},
    R + "/owners": {"get": {"summary": "Beneficial owners with compute aggregated across accounts and providers, and their findings (regulator)", "operationId": "listOwners",
        "security": SIGNED, "responses": signed("#/components/schemas/ObjectList")}},
    R + "/obligations": {"get": {"summary": "Obligations with deadlines: a developer its runs', a provider its accounts', a regulator all", "operationId": "listObligations",
        "security": SIGNED, "responses": signed("#/components/schemas/ObjectList")}},
    R + "/alerts": {"get": {"summary": "Alerts: fractions of thresholds reached (default 50%, 80%)", "operationId": "listAlerts",
        "security": SIGNED, "responses": signed("#/components/schemas/ObjectList")}},
    R + "/screening": {"get": {"summary": "Screen a name against the loaded denied-party lists (provider or regulator)", "operationId": "screenName",
        "parameters": [q("name", "the name to screen", None, True, "Zorblat Quantum Dynamics"), q("country", "ISO 3166-1 alpha-2")],
        "security": SIGNED, "responses": signed("#/components/schemas/ObjectList")}},
    R + "/chips/batches": {"get": {"summary": "Registered chip batches with count, site, country, serials and provenance (vendor → distributor → data centre → owners): an owner its own, a regulator all", "operationId": "listChipBatches",
        "security": SIGNED, "responses": signed("#/components/schemas/ObjectList")}},
    R + "/chips/transfers": {"get": {"summary": "Chip transfers with their export-control result (ALLOW or FLAG, with the reason; blocked transfers are refused and never logged): an owner those it sent or received, a regulator all", "operationId": "listChipTransfers",
        "security": SIGNED, "responses": signed("#/components/schemas/ObjectList")}},
    R + "/chips/holdings": {"get": {"summary": "Registered holdings summed per owner, site or country: chips, dense FP16 peak FLOP/s, highest dense peak op/s (an owner its own, a regulator all)", "operationId": "chipHoldings",
        "parameters": [q("by", "owner (default), site or country", {"enum": ["owner", "site", "country"]}, example="country")],
        "security": SIGNED, "responses": signed("#/components/schemas/Object")}},
    R + "/concern": {"get": {"summary": "Actors of concern from registered holdings: FLOP each owner could apply to one run within a window, the thresholds that would cross, sites meeting cluster thresholds (regulator)", "operationId": "concern",
        "parameters": [q("within", "window in days (default 90)", num, example="90"), q("utilization", "fraction of dense FP16 peak (default 0.4)", num, example="0.4"),
                       q("date", "regimes as in force on this date (default today)", date), q("all", "every owner, not only those that could cross", {"type": "boolean"})],
        "security": SIGNED, "responses": signed("#/components/schemas/Object")}},
    R + "/trends/fit": {"get": {"summary": "Log-linear trend of training compute over the registry's own runs the signer may read (regulator all, developer its own): accounted compute dated by the first usage record, else the declared plan", "operationId": "registryTrendFit",
        "parameters": [q("from", "first run date (default 2010-01-01)", date), q("to", "last run date", date),
                       q("domain", "only runs of this data domain", None), q("basis", "all (default) or frontier (largest run to date)", {"enum": ["all", "frontier"]}),
                       q("confidence", "confidence level of the intervals, in (0, 1); default 0.9", num)],
        "security": SIGNED, "responses": signed("#/components/schemas/TrendFit")}},
    R + "/trends/frontier": {"get": {"summary": "The registry's runs that were the largest to date (runs the signer may read)", "operationId": "registryTrendFrontier",
        "parameters": [q("from", "first run date (default 2010-01-01)", date), q("to", "last run date", date), q("domain", "only runs of this data domain", None)],
        "security": SIGNED, "responses": signed("#/components/schemas/Frontier")}},
    R + "/trends/forecast": {"get": {"summary": "When the frontier trend of the registry's runs reaches a level of training compute, with Fieller's interval", "operationId": "registryTrendForecast",
        "parameters": [q("flop", "the level of training compute", num, True, "1e26"), q("from", "first run date (default 2010-01-01)", date),
                       q("to", "last run date", date), q("domain", "only runs of this data domain", None),
                       q("confidence", "confidence level, in (0, 1); default 0.9", num)],
        "security": SIGNED, "responses": signed("#/components/schemas/CrossingForecast")}},
    A + "/programmes": {"get": {"summary": "Allocation programmes with their calls (tiers, resources) and the resources providers offer, each with its dated exchange rates (credits per GPU-hour; a rate applies from its date)", "operationId": "listAllocationProgrammes",
        "responses": ok("#/components/schemas/Object")}},
    A + "/proposals": {"get": {"summary": "Allocation proposals with their reviews: the regulator and reviewers all (a reviewer sees its own review), a researcher its own with scores but not who gave them", "operationId": "listAllocationProposals",
        "security": SIGNED, "responses": signed("#/components/schemas/Object")}},
    A + "/awards": {"get": {"summary": "Allocation awards with requested, recommended and awarded credits, status and draw-down by the account's usage records (released, used, remaining; refused records with why): regulator, the researcher, the providers of its resources", "operationId": "listAllocationAwards",
        "parameters": [q("asOf", "the day to draw down to (default today)", date, example="2026-12-01")],
        "security": SIGNED, "responses": signed("#/components/schemas/Object")}},
    A + "/awards/{award}": {"get": {"summary": "One award with its draw-down, progress reports and change requests", "operationId": "getAllocationAward",
        "parameters": [path("award", "A-bio-1"), q("asOf", "the day to draw down to (default today)", date)],
        "security": SIGNED, "responses": signed("#/components/schemas/Object")}},
    A + "/export": {"get": {"summary": "The awards on a Slurm cluster as a sacctmgr load file (member file; GrpTRESMins per award account = GPU-minutes used + remaining credits at the day's rate): providers of the cluster, regulator", "operationId": "exportAllocations",
        "parameters": [q("cluster", "the Slurm cluster", None, True, "us-east"), q("format", "sacctmgr (the only format)", {"enum": ["sacctmgr"]}),
                       q("asOf", "the export day (default today)", date)],
        "security": SIGNED, "responses": signed("#/components/schemas/Object")}},
    R + "/replay": {"post": {"summary": "Rebuild the registry from the log into a fresh schema and compare table by table (regulator)", "operationId": "replayRegistry",
        "security": SIGNED, "responses": signed("#/components/schemas/Object")}},
  },
  "components": {
  "securitySchemes": {"httpMessageSignature": {"type": "apiKey", "in": "header", "name": "Signature",
      "description": "RFC 9421 HTTP message signature: Signature-Input sig1=(\"@method\" \"@path\" \"@query\");created=...;keyid=\"<actor>/<key>+<hexid>\";alg=\"ed25519\" and Signature sig1=:base64:, by a registered, unrevoked key; created within the clock-skew window, with a nonce and an expiry at most 2 minutes later. A request with a body also sends Content-Digest: sha-256=:base64: (RFC 9530) and covers \"content-digest\"; the server checks it against the body"}},
  "schemas": {
    "Envelope": {"type": "object", "description": "DSSE envelope (payload and sig base64, standard or URL-safe)", "required": ["payload", "payloadType", "signatures"],
        "properties": {"payload": {"type": "string"}, "payloadType": {"type": "string"},
                       "signatures": {"type": "array", "items": {"type": "object", "properties": {"keyid": {"type": "string"}, "sig": {"type": "string"}}}}}},
    "Receipt": {"type": "object", "description": "Verifies offline: SHA-256(0x00 || entry) = leafHash; checkpoint signed by the log; inclusion proof from index to the checkpoint's root",
        "properties": {"index": {"type": "integer"}, "leafHash": {"type": "string", "format": "byte"}, "checkpoint": {"type": "string"},
                       "inclusionProof": {"type": "array", "items": {"type": "string", "format": "byte"}}}},
    "InclusionProof": {"type": "object", "properties": {"index": {"type": "integer"}, "size": {"type": "integer"}, "proof": {"type": "array", "items": {"type": "string", "format": "byte"}}}},
    "ConsistencyProof": {"type": "object", "properties": {"from": {"type": "integer"}, "to": {"type": "integer"}, "proof": {"type": "array", "items": {"type": "string", "format": "byte"}}}},
    "Submission": {"type": "object", "required": ["envelope"], "properties": {
        "envelope": {"$ref": "#/components/schemas/Envelope"},
        "sealed": {"type": "object", "description": "the confidential payload and its salt; SHA-256('computegov/sealed/v1\\n' || salt || payload) must equal the statement's predicate.sealed.sha256",
                   "properties": {"salt": {"type": "string", "format": "byte"}, "payload": {"type": "string", "format": "byte"}}},
        "attachment": {"type": "string", "format": "byte", "description": "public bytes named by the subject digest (a screening list file)"}}},
    "Accepted": {"type": "object", "properties": {"logIndex": {"type": "integer"}, "statementId": {"type": "string"}, "kind": {"type": "string"},
        "summary": {"type": "object", "description": "what applying it did (e.g. accepted/duplicates for usage, screeningHits for a customer, alerts fired)"}}},
    "Actor": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "roles": {"type": "array", "items": {"enum": ["regulator", "compute-provider", "developer", "evaluator", "auditor"]}},
        "jurisdiction": {"type": "string"}, "logIndex": {"type": "integer"},
        "keys": {"type": "array", "items": {"type": "object", "properties": {"keyId": {"type": "string"}, "vkey": {"type": "string"}, "addedIndex": {"type": "integer"}, "revokedIndex": {"type": "integer"}}}}}},
    "CustomerList": {"type": "array", "items": {"type": "object", "properties": {"provider": {"type": "string"}, "customerId": {"type": "string"}, "type": {"type": "string"},
        "legalName": {"type": "string"}, "country": {"type": "string"}, "foreign": {"type": "boolean"}, "verificationState": {"type": "string"},
        "riskRating": {"type": "string"}, "screeningHits": {"type": "integer"}, "flop": {"type": "number"}}}},
    "Interval": {"type": "object", "description": "an estimate with its confidence interval; a bound is null where the data leave it open",
        "properties": {"value": {"type": "number"}, "low": nnum, "high": nnum}},
    "TrendFit": {"type": "object", "description": "log10 FLOP = intercept + oomPerYear × decimal year",
        "properties": {"basis": {"enum": ["ALL", "FRONTIER"]}, "domain": nstr, "from": date, "to": {"type": ["string", "null"], "format": "date"},
            "models": {"type": "integer"}, "first": date, "last": date, "confidence": {"type": "number"},
            "oomPerYear": {"$ref": "#/components/schemas/Interval"}, "growthPerYear": {"$ref": "#/components/schemas/Interval"},
            "doublingMonths": {"$ref": "#/components/schemas/Interval"}, "intercept": {"type": "number"}, "rSquared": {"type": "number"},
            "residualStdErrorOom": {"type": "number"}, "source": {"type": "string", "description": "data origin and licence; credit Epoch AI"}}},
    "FrontierPoint": {"type": "object", "properties": {"date": date, "model": {"type": "string"}, "organization": {"type": "string"}, "flop": {"type": "number"}}},
    "Frontier": {"type": "object", "properties": {"from": date, "to": {"type": ["string", "null"], "format": "date"}, "domain": nstr,
        "frontier": {"type": "array", "items": {"$ref": "#/components/schemas/FrontierPoint"}}, "source": {"type": "string"}}},
    "CrossingForecast": {"type": "object", "properties": {"flop": {"type": "number"}, "trendDate": date,
        "low": {"type": ["string", "null"], "format": "date"}, "high": {"type": ["string", "null"], "format": "date"},
        "firstReachedBy": {"oneOf": [{"$ref": "#/components/schemas/FrontierPoint"}, {"type": "null"}]},
        "trend": {"$ref": "#/components/schemas/TrendFit"}}},
    "Domains": {"type": "object", "properties": {"domains": {"type": "object", "additionalProperties": {"type": "integer"}}}},
    "TransferDecision": {"type": "object", "properties": {"chip": {"type": "string"}, "count": {"type": "integer"}, "destination": {"type": "string"},
        "date": date, "classification": {"type": "string"}, "action": {"enum": ["ALLOW", "FLAG", "BLOCK"]}, "reason": {"type": "string"},
        "rule": nstr, "source": nstr}},
    "Reach": {"type": "object", "properties": {"chip": {"type": "string"}, "days": {"type": "number"}, "utilization": {"type": "number"}, "date": date,
        "chipsNeeded": {"type": "object", "description": "regime id → chips of this type that reach its threshold in one run", "additionalProperties": {"type": "number"}}}},
    "Object": {"type": "object"},
    "ObjectList": {"type": "array", "items": {"type": "object"}},
    "Problem": {"type": "object", "description": "RFC 9457 problem details", "required": ["type", "title", "status"],
        "properties": {"type": {"type": "string", "format": "uri", "description": "https://computegov.org/problems/{invalid-input|not-found|method-not-allowed|internal-error}"},
                       "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"},
                       "instance": {"type": "string"}, "field": {"type": "string", "description": "the parameter that was wrong"},
                       "hint": {"type": "string", "description": "what would be right"}}},
    "Health": {"type": "object", "properties": {"status": {"enum": ["UP", "DOWN"]},
        "database": {"type": "object", "properties": {"status": {"enum": ["UP", "DOWN"]},
            "schemaVersion": {"type": "string"}, "instanceId": {"type": "string", "format": "uuid"}, "error": {"type": "string"}}}}},
    "ChipList": {"type": "object", "properties": {"chips": {"type": "array", "items": {"$ref": "#/components/schemas/Chip"}}}},
    "Chip": {"type": "object", "properties": {
        "name": {"type": "string"}, "aliases": {"type": "array", "items": {"type": "string"}}, "vendor": nstr,
        "year": {"type": ["integer", "null"]}, "formFactor": nstr, "dataCentre": {"type": "boolean"},
        "denseTeraOps": {"type": "object", "description": "dense peak per precision (FP64, TF32, FP16, FP8, INT8, FP4) in TFLOP/s or TOPS", "additionalProperties": {"type": "number"}},
        "tpp": nnum, "tppPrecision": nstr, "performanceDensity": nnum, "memoryGb": nnum, "memoryBandwidthTBps": nnum,
        "dieAreaMm2": nnum, "tdpWatts": nnum, "interconnectGBps": nnum, "notes": nstr, "uncertainFields": nstr, "sources": nstr}},
    "ExportClassification": {"type": "object", "properties": {
        "chip": {"type": "string"}, "asOf": {"type": "string", "format": "date"},
        "figures": {"type": "object", "properties": {"tpp": nnum, "tppPrecision": nstr, "performanceDensity": nnum, "ioBandwidthGBps": nnum,
                    "memoryBandwidthGBps": nnum, "dieAreaMm2": nnum, "dataCentre": {"type": "boolean"}}},
        "outcome": {"enum": ["CONTROLLED", "NOT_COVERED", "INDETERMINATE", "NO_RULE"]},
        "classification": {"type": "string", "description": "e.g. 3A090.a.1, not covered, indeterminate"},
        "explanation": {"type": "string"},
        "ruleSets": {"type": "array", "items": {"$ref": "#/components/schemas/RuleSetResult"}}}},
    "RuleSetResult": {"type": "object", "properties": {
        "ruleSet": {"type": "string"}, "title": {"type": "string"}, "effectiveFrom": {"type": "string", "format": "date"},
        "effectiveUntil": {"type": ["string", "null"], "format": "date"}, "inForce": {"type": "boolean"},
        "outcome": {"enum": ["CONTROLLED", "NOT_COVERED", "INDETERMINATE", "NO_RULE"]}, "classification": {"type": "string"},
        "decidedBy": nstr, "explanation": {"type": "string"},
        "checks": {"type": "array", "items": {"type": "object", "properties": {"clause": {"type": "string"}, "kind": {"enum": ["EXCLUSION", "CONTROL", "POLICY"]},
                   "condition": {"type": "string"}, "holds": {"enum": ["TRUE", "FALSE", "UNKNOWN"]}, "because": {"type": "string"}}}},
        "scenarios": {"type": "array", "items": {"type": "object", "properties": {"condition": {"type": "string"}, "classification": {"type": "string"}}}},
        "remarks": {"type": "array", "items": {"type": "string"}}}},
    "Estimate": {"type": "object", "properties": {
        "method": {"enum": ["ARCHITECTURE", "HARDWARE", "ACCELERATOR_HOURS"]}, "flop": {"type": "number"},
        "flopLow": nnum, "flopHigh": nnum, "petaflopSDays": {"type": "number"}, "formula": {"type": "string"},
        "assumptions": {"type": "array", "items": {"type": "string"}}}},
    "RegimeList": {"type": "object", "properties": {"regimes": {"type": "array", "items": {"$ref": "#/components/schemas/Regime"}}}},
    "Regime": {"type": "object", "properties": {
        "id": {"type": "string"}, "name": {"type": "string"}, "jurisdiction": {"type": "string"}, "instrument": {"type": "string"},
        "legalForce": {"enum": ["LAW", "GUIDANCE", "PROPOSED", "BILL", "VETOED"]},
        "effectiveFrom": {"type": ["string", "null"], "format": "date"}, "effectiveUntil": {"type": ["string", "null"], "format": "date"},
        "statusNote": {"type": "string"}, "metric": {"enum": ["TRAINING_COMPUTE", "MODIFICATION_SHARE", "CLUSTER_CAPACITY", "DEVELOPER_REVENUE"]},
        "threshold": {"type": "number"}, "comparison": {"enum": ["GREATER_THAN", "AT_LEAST"]}, "unit": {"type": "string"},
        "counts": {"enum": ["CUMULATIVE", "RUN", "MODIFICATION"]}, "domain": nstr, "costOverUsd": nnum, "networkOverGbps": nnum,
        "countingNote": {"type": "string"},
        "obligations": {"type": "array", "items": {"type": "object", "properties": {"what": {"type": "string"},
            "trigger": {"enum": ["CROSSING", "DEPLOYMENT", "INCIDENT", "ONGOING", "QUARTERLY"]}, "dueDays": {"type": ["integer", "null"]}, "citation": {"type": "string"}}}},
        "quote": {"type": "string"}, "confidence": {"type": "string"}, "source": {"type": "string"}}},
    "ThresholdReport": {"type": "object", "properties": {
        "date": {"type": "string", "format": "date"}, "subject": {"type": "string"},
        "findings": {"type": "array", "items": {"$ref": "#/components/schemas/RegimeFinding"}}}},
    "RegimeFinding": {"type": "object", "properties": {
        "regime": {"type": "string"}, "name": {"type": "string"}, "jurisdiction": {"type": "string"}, "state": {"type": "string"},
        "inForce": {"type": "boolean"}, "verdict": {"enum": ["CROSSED", "NOT_CROSSED", "INDETERMINATE", "NOT_APPLICABLE"]},
        "measured": nnum, "threshold": {"type": "number"}, "comparison": {"enum": [">", ">="]}, "unit": {"type": "string"},
        "reason": {"type": "string"},
        "obligations": {"type": "array", "items": {"type": "object", "properties": {"what": {"type": "string"},
            "trigger": {"type": "string"}, "dueBy": {"type": ["string", "null"], "format": "date"}, "dueDays": {"type": ["integer", "null"]}, "citation": {"type": "string"}}}},
        "source": {"type": "string"}}},
  }},
}
# Licensing (capabilities/licensing): admission decisions and licence reads.
doc["paths"]["/api/v1/admission/decide"] = {"post": {"summary": "Admission decision for a job at the signing provider's cluster: its maximum compute (chips × time limit at the usage accounting's FLOP per chip-hour) is pre-charged against the licence's free released budget, or checked against the de-minimis without a licence; deny reasons give requested vs available in FLOP and chip-hours (docs/LICENSING.md)", "operationId": "decideAdmission",
    "security": SIGNED,
    "parameters": [q("dryRun", "true: decide the same way but hold nothing and record nothing (a Kubernetes dry run, a what-if); the decision has no holdId", {"type": "boolean"}, example="true")],
    "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AdmissionRequest"}}}},
    "responses": {**signed("#/components/schemas/AdmissionDecision"), "503": prob("Licence state could not be read")}}}
doc["paths"]["/api/v1/licences/{id}"] = {"get": {"summary": "A licence's terms, standing and budget (released, used, held, available); for the regulator, the licensee and authorized providers", "operationId": "getLicence",
    "security": SIGNED, "parameters": [path("id", "L-2026-001")], "responses": signed("#/components/schemas/LicenceBudget")}}
flop = {"type": "string", "description": "whole FLOP as a decimal string (exceeds a double's exact range)"}
doc["components"]["schemas"]["AdmissionRequest"] = {"type": "object", "required": ["provider", "cluster", "chips", "timeLimitMinutes"], "properties": {
    "provider": {"type": "string", "description": "the signing provider's actor id"}, "cluster": {"type": "string"},
    "account": {"type": "string"}, "licence": nstr, "chip": {"type": "string", "description": "catalog name, e.g. H100"},
    "chips": {"type": "integer", "minimum": 0}, "timeLimitMinutes": {"type": "integer", "minimum": 1},
    "jobRef": {"type": "string", "description": "the provider's reference for the job; the same reference holds once"}}}
doc["components"]["schemas"]["AdmissionDecision"] = {"type": "object", "properties": {
    "decision": {"enum": ["allow", "deny"]}, "code": {"type": "string", "description": "e.g. licensed, de-minimis, budget-exceeded, licence-required, licence-suspended, licence-revoked, licence-expired, cluster-not-authorized, registry-unreachable"},
    "reason": {"type": "string"},
    "requested": {"type": "object", "properties": {"flop": flop, "chipHours": {"type": "number"}}},
    "available": {"type": ["object", "null"], "properties": {"flop": flop, "chipHours": nnum}},
    "licence": nstr, "holdId": nstr}}
doc["components"]["schemas"]["LicenceBudget"] = {"type": "object", "properties": {
    "licence": {"type": "string"}, "totalFlop": flop, "releasedFlop": flop, "tranchesReleased": {"type": "integer"}, "tranches": {"type": "integer"},
    "usedFlop": flop, "heldFlop": flop, "availableFlop": flop, "openHolds": {"type": "integer"}, "usedShareOfReleased": {"type": "number"},
    "terms": {"type": "object"}, "standing": {"enum": ["active", "suspended", "revoked"]}, "standingReason": {"type": "string"},
    "logIndex": {"type": "integer", "description": "the log entry carrying the current terms: the licence statement or its latest amendment (for bundles)"},
    "issuedIndex": {"type": "integer", "description": "the licence statement's log entry"}, "amendments": {"type": "integer"}}}
# Deployment (capabilities/deployment): models, certificates, authorizations, deployments, attribution, orders, switches.
OL = signed("#/components/schemas/ObjectList")
OB = signed("#/components/schemas/Object")
for p_, op, summary, params, resp in [
    (R + "/models", "listModels", "Registered models: developer, id, name, OMS root, serialization, training run, base model (public)", [], OL),
    (R + "/models/{developer}/{model}", "getModel", "One model with its certificates, authorizations, training compute and the notification regimes it falls under with their deadlines (public)", [path("developer", "frontier-lab"), path("model", "frontier-1-chat")], OB),
    (R + "/evaluators", "listEvaluators", "Accredited evaluators: scope, validity, withdrawn (public)", [], OL),
    (R + "/certificates", "listCertificates", "Evaluation certificates (SLSA VSA style): evaluator, suite and version, verdict, day, results (public)", [q("root", "only those of this OMS root")], OL),
    (R + "/authorizations", "listAuthorizations", "Deployment authorizations with conditions, validity and standing (valid, suspended, revoked) (public)", [], OL),
    (R + "/authorizations/{id}", "getAuthorization", "One deployment authorization with its standing and its log index (for offline bundles: cgov deploy bundle)", [path("id", "AUTH-DEMO-1")], OB),
    (R + "/serving-check", "servingCheck", "The serving check online: may weights with this OMS root be served here now? Allowed with the authorization, or denied with every reason", [q("root", "the model's OMS root (cgov model hash)", None, True, "0000000000000000000000000000000000000000000000000000000000000000"), q("region", "where it will be served"), q("provider", "who serves it")], OB),
    (R + "/deployments", "listDeployments", "Registered deployments: provider, id, deployer account, model, endpoint, region, authorization (public)", [], OL),
    (R + "/deployments/{provider}/{deployment}/attribution", "attributeDeployment", "Attribution in one read: deployment → deployer (its KYC record for the regulator only) → model → developer → training run → providers whose usage trained it, and incidents", [path("provider", "cloud-a"), path("deployment", "chat-us-1")], OB),
    (R + "/incidents", "listIncidents", "Incidents filed against deployments (anyone files one) (public)", [], OL),
    (R + "/orders", "listOrders", "Corrective orders with their standing now: open, acknowledged, complied, complied late, overdue with escalation level (regulator all, a provider its own)", [], OL),
    (R + "/switches", "listSwitches", "Off switches: holders, threshold, status, epoch (public)", [], OL),
    (R + "/switches/{id}", "getSwitch", "A switch's status (running or halted), epoch, the votes counted in this epoch and how many more flip it (public)", [path("id", "cloud-a-shared-1")], OB),
]:
    op_ = {"summary": summary, "operationId": op, "responses": resp}
    if op == "listOrders":  # the only read that refuses the public; the others answer it (attribution without KYC)
        op_["security"] = SIGNED
    if params:
        op_["parameters"] = params
    doc["paths"][p_] = {"get": op_}
# Licensing: applications, metering and notices, usage settlement, regimes.
doc["paths"]["/api/v1/admission/usage"] = {"post": {"summary": "Settle the signing provider's admitted jobs from sacct --parsable2 output (JobID, Elapsed, State, WCKey cgov-<jobRef>): each hold is replaced by what the job used, the unused part returns to the licence", "operationId": "settleAdmissionUsage",
    "security": SIGNED, "parameters": [q("cluster", "the provider's cluster the jobs ran on", required=True, example="c1")],
    "requestBody": {"required": True, "content": {"text/plain": {"schema": {"type": "string"}}}},
    "responses": {**signed("#/components/schemas/UsageSettlement"), "503": prob("Licence state could not be read")}}}
doc["paths"]["/api/v1/licence-applications"] = {"get": {"summary": "Licence applications: the developer's own, or all for the regulator (with the confidential safety case), each with whether the licensing regimes require a licence", "operationId": "listLicenceApplications",
    "security": SIGNED, "parameters": [q("state", "submitted, changes-requested, approved or denied", example="submitted")],
    "responses": signed("#/components/schemas/LicenceApplications")}}
doc["paths"]["/api/v1/licence-applications/{developer}/{id}"] = {"get": {"summary": "One licence application; for its developer and the regulator (others get 404)", "operationId": "getLicenceApplication",
    "security": SIGNED, "parameters": [path("developer", "frontier-lab"), path("id", "A-ATLAS-2")],
    "responses": signed("#/components/schemas/LicenceApplication")}}
doc["paths"]["/api/v1/licences/{id}/burn-down"] = {"get": {"summary": "A licence's burn-down: used per tranche, alerts at 80% and 100% of the released budget, overrun, and the notices to its providers with their acknowledgements (a provider sees its own)", "operationId": "getLicenceBurnDown",
    "security": SIGNED, "parameters": [path("id", "L-DEMO-1")], "responses": signed("#/components/schemas/LicenceBurnDown")}}
doc["paths"]["/api/v1/licences/{id}/amendments"] = {"get": {"summary": "A licence's amendments (licence-amendment statements) in order, each with its reason and the terms it changed (field, from, to); for the regulator, the licensee and authorized providers", "operationId": "listLicenceAmendments",
    "security": SIGNED, "parameters": [path("id", "L-DEMO-1")], "responses": signed("#/components/schemas/LicenceAmendments")}}
doc["components"]["schemas"]["LicenceAmendments"] = {"type": "array", "items": {"type": "object", "properties": {
    "licence": {"type": "string"}, "amendment": {"type": "integer"}, "reason": {"type": "string"},
    "changes": {"type": "array", "items": {"type": "object", "properties": {"field": {"type": "string"}, "from": {}, "to": {}}}},
    "issuedAt": {"type": "string", "format": "date-time"}, "logIndex": {"type": "integer"}}}}
doc["paths"]["/api/v1/licence-notices"] = {"get": {"summary": "Notices about licences (suspension, revocation, amendment, overrun, jobs charged unreported): a provider's own, or all for the regulator; a notice not acknowledged within 24 h is overdue (escalated)", "operationId": "listLicenceNotices",
    "security": SIGNED, "parameters": [q("overdue", "true: only overdue (escalated) notices", example="true")],
    "responses": signed("#/components/schemas/LicenceNotices")}}
doc["paths"]["/api/v1/admission/decisions"] = {"get": {"summary": "The decision record: every answer of POST /api/v1/admission/decide (allow or deny, with its code, reason and requested FLOP), newest first, a page at a time, with the selection's counts (allows, denies by code) and the recorder's drops. The regulator reads all, a provider its own, a developer the decisions on its licences; kept 90 days by default (docs/LICENSING.md, \"Decision record\")", "operationId": "listAdmissionDecisions",
    "security": SIGNED, "parameters": [q("provider", "only this provider's decisions (a provider may name only itself)", example="cloud-b"),
        q("licence", "only decisions on jobs naming this licence", example="L-DEMO-1"),
        q("decision", "allow or deny", example="deny"),
        q("page", "the page, from 1 (default 1); past the last page the list is empty", {"type": "integer", "minimum": 1}, example=1),
        q("limit", "rows a page, 1 to 500 (default 25)", {"type": "integer", "minimum": 1, "maximum": 500}, example=25)],
    "responses": signed("#/components/schemas/AdmissionDecisions")}}
doc["components"]["schemas"]["AdmissionDecisions"] = {"type": "object", "properties": {
    "decisions": {"type": "array", "items": {"type": "object", "properties": {
        "decidedAt": {"type": "string", "format": "date-time"}, "provider": {"type": "string"}, "cluster": {"type": "string"},
        "account": {"type": "string"}, "licence": nstr, "jobRef": {"type": "string"}, "chip": nstr,
        "chips": {"type": "integer"}, "timeLimitMinutes": {"type": "integer"}, "requestedFlop": flop,
        "decision": {"enum": ["allow", "deny"]}, "code": {"type": "string"}, "reason": {"type": "string"}, "holdId": nstr,
        "repeats": {"type": "integer", "description": "identical denies (the same job, the same answer) written together as one row"},
        "lastAt": {"type": "string", "format": "date-time", "description": "the last of the repeats, when repeats > 1"}}}},
    "page": {"type": "integer"}, "limit": {"type": "integer"}, "total": {"type": "integer", "description": "rows in the selection"},
    "pages": {"type": "integer"},
    "summary": {"type": "object", "description": "decisions in the selection (repeats counted)", "properties": {
        "allow": {"type": "integer"}, "deny": {"type": "integer"},
        "denyByCode": {"type": "object", "additionalProperties": {"type": "integer"}}}},
    "recording": {"type": "object", "description": "the recorder since this server started", "properties": {
        "dropped": {"type": "integer", "description": "decisions not recorded because the queue was full"},
        "failed": {"type": "integer", "description": "decisions whose write failed"},
        "queued": {"type": "integer"}, "since": {"type": "string", "format": "date-time"},
        "upToDate": {"type": "boolean", "description": "every decision made before this read is written"},
        "retentionDays": {"type": "integer"}}}}}
doc["paths"]["/api/v1/licensing/regimes"] = {"get": {"summary": "The regulator's licensing regimes: which runs need a licence (threshold FLOP); public", "operationId": "getLicensingRegimes",
    "responses": ok("#/components/schemas/LicensingRegimes")}}
doc["components"]["schemas"]["UsageSettlement"] = {"type": "object", "properties": {
    "settled": {"type": "integer"}, "alreadySettled": {"type": "integer"}, "notAdmittedHere": {"type": "integer"}}}
doc["components"]["schemas"]["LicenceApplication"] = {"type": "object", "properties": {
    "application": {"type": "string", "description": "developer/applicationId"}, "developer": {"type": "string"}, "applicationId": {"type": "string"},
    "run": {"type": "string"}, "plannedFlop": flop, "architectureFlop": {"type": "number", "description": "the knowledge core's 6·N·D estimate, when parameters and tokens were given"},
    "hardwareFlop": {"type": "number", "description": "chips × schedule hours × the usage accounting's FLOP per chip-hour"},
    "chips": {"type": "object"}, "clusters": {"type": "array", "items": {"type": "string"}}, "schedule": {"type": "object"},
    "safetyCase": {"type": "object", "description": "riskFramework, evaluationPlan, securityLevel, responsibleOfficer (confidential)"},
    "version": {"type": "integer"}, "state": {"enum": ["submitted", "changes-requested", "approved", "denied"]},
    "reasons": {"type": "array", "items": {"type": "string"}}, "conditions": {"type": "array", "items": {"type": "string"}},
    "licence": {"type": "string"}, "logIndex": {"type": "integer"},
    "licenceRequired": {"type": "boolean"}, "regime": {"type": "string"}, "regimeMessage": {"type": "string"}}}
doc["components"]["schemas"]["LicenceApplications"] = {"type": "array", "items": {"$ref": "#/components/schemas/LicenceApplication"}}
doc["components"]["schemas"]["LicenceNotice"] = {"type": "object", "properties": {
    "notice": {"type": "string", "description": "<licence>#<log index> or <licence>#overrun (a server without the regulator's signer key: <licence>#unreported-<epoch ms> for jobs it settled unreported)"}, "licence": {"type": "string"},
    "provider": {"type": "string"}, "cause": {"enum": ["suspended", "revoked", "amended", "overrun", "unreported"], "description": "unreported: jobs of this provider whose usage was not reported within their time limit and the server's grace, each charged its whole pre-charge; the reason names them"}, "reason": {"type": "string"},
    "issuedAt": {"type": "string", "format": "date-time"}, "acknowledgeBy": {"type": "string", "format": "date-time"},
    "acknowledgedAt": {"type": "string", "format": "date-time"}, "overdue": {"type": "boolean"}}}
doc["components"]["schemas"]["LicenceNotices"] = {"type": "array", "items": {"$ref": "#/components/schemas/LicenceNotice"}}
doc["components"]["schemas"]["LicenceBurnDown"] = {"type": "object", "properties": {
    "licence": {"type": "string"}, "standing": {"type": "string"}, "releasedFlop": flop,
    "usedFlop": {**flop, "description": "settled: reportedFlop + unreportedFlop"}, "heldFlop": flop,
    "availableFlop": flop, "usedShareOfReleased": {"type": "number"}, "overrunFlop": flop,
    "reportedFlop": {**flop, "description": "usage reported by the providers (POST /api/v1/admission/usage)"},
    "unreportedFlop": {**flop, "description": "charged for jobs whose usage was not reported within their time limit and the grace: each its whole pre-charge"},
    "unreportedJobs": {"type": "integer", "description": "how many jobs were charged unreported"},
    "tranches": {"type": "array", "items": {"type": "object", "properties": {"tranche": {"type": "integer"}, "flop": flop,
        "released": {"type": "boolean"}, "usedFlop": flop, "usedShare": {"type": "number"}, "condition": {"type": "string"}}}},
    "alerts": {"type": "array", "items": {"type": "object", "properties": {"level": {"type": "number"}, "at": {"type": "string", "format": "date-time"}, "message": {"type": "string"}}}},
    "notices": {"$ref": "#/components/schemas/LicenceNotices"}}}
doc["components"]["schemas"]["LicensingRegimes"] = {"type": "object", "properties": {"regimes": {"type": "array", "items": {"type": "object", "properties": {
    "id": {"type": "string"}, "name": {"type": "string"}, "thresholdFlop": flop, "source": {"type": "string"}}}}}}
# Each capability serves its own part of the document (its routes); the server merges the parts at start.
root = pathlib.Path(__file__).resolve().parent.parent
capabilities = {
    "capabilities/customers/src/main/resources/openapi/customers.json": [R + "/customers", R + "/customers/{provider}/{customer}", R + "/screening"],
    "capabilities/accounting/src/main/resources/openapi/accounting.json": [R + "/usage", R + "/runs", R + "/runs/{developer}/{run}", R + "/owners", R + "/obligations", R + "/alerts"],
    "capabilities/licensing/src/main/resources/openapi/licensing.json": ["/api/v1/admission/decide", "/api/v1/licences/{id}",
        "/api/v1/admission/usage", "/api/v1/licence-applications", "/api/v1/licence-applications/{developer}/{id}",
        "/api/v1/licences/{id}/burn-down", "/api/v1/licence-notices", "/api/v1/licensing/regimes", "/api/v1/licences/{id}/amendments",
        "/api/v1/admission/decisions"],
    "capabilities/shaping/src/main/resources/openapi/shaping.json": [R + "/chips/batches", R + "/chips/transfers", R + "/chips/holdings", R + "/concern",
        R + "/trends/fit", R + "/trends/frontier", R + "/trends/forecast"],
    "capabilities/shaping/src/main/resources/openapi/allocation.json": [A + "/programmes", A + "/proposals", A + "/awards", A + "/awards/{award}", A + "/export"],
    "capabilities/deployment/src/main/resources/openapi/deployment.json": [R + "/models", R + "/models/{developer}/{model}", R + "/evaluators", R + "/certificates", R + "/authorizations", R + "/authorizations/{id}", R + "/serving-check", R + "/deployments", R + "/deployments/{provider}/{deployment}/attribution", R + "/incidents", R + "/orders", R + "/switches", R + "/switches/{id}"],
}
for file, paths in capabilities.items():
    part = {"paths": {p: doc["paths"].pop(p) for p in paths}}
    out = root / file
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(part, indent=2, ensure_ascii=False) + "\n")
    print("wrote", out)
out = root / "server/src/main/resources/openapi.json"
out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
print("wrote", out)
