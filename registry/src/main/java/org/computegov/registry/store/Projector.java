package org.computegov.registry.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.dsse.DsseSignature;
import org.computegov.ledger.keys.Ed25519PublicKey;
import org.computegov.ledger.keys.KeyIds;
import org.computegov.ledger.keys.VerifierKey;
import org.computegov.registry.screening.ListFormatException;
import org.computegov.registry.screening.ScreeningIndex;
import org.computegov.registry.screening.ScreeningList;
import org.computegov.registry.screening.ScreeningLists;
import org.computegov.registry.statement.Kind;
import org.computegov.registry.statement.RegistryStatement;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.computegov.registry.statement.Sealed;
import org.computegov.registry.statement.StatementReader;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.registry.usage.AttributedUsage;
import org.computegov.registry.usage.InputProblem;
import org.computegov.registry.usage.ParsedUsage;
import org.computegov.registry.usage.UsageCompute;
import org.computegov.registry.usage.UsageJson;
import org.computegov.registry.usage.UsageRecord;
import org.jdbi.v3.core.Handle;

/**
 * The registry's state machine over one schema: {@link #check} decides whether a statement may enter (signature by
 * a registered key of its issuer, the role its kind needs, a statement id not seen before, a well-formed payload
 * consistent with the state), and {@link #apply} folds an accepted statement into the projection tables. The live
 * registry and {@code registry replay} run the same code, so a replay that differs means the tables were altered.
 * The handle's search_path selects the schema.
 */
public final class Projector {
    static final ObjectMapper JSON = new ObjectMapper();
    private final RegistryRules rules;
    private final UsageJson usageJson;
    private final UsageCompute compute;
    private final Map<String, ScreeningIndex> indexes = new ConcurrentHashMap<>();
    private final Monitoring monitoring;
    private final Customers customers;
    private final Runs runs;

    public Projector(RegistryRules rules) {
        this.rules = rules;
        this.usageJson = new UsageJson(rules.catalog());
        this.compute = new UsageCompute(rules.catalog());
        this.monitoring = new Monitoring(rules);
        this.customers = new Customers(this);
        this.runs = new Runs();
    }

    RegistryRules rules() {
        return rules;
    }

    // ---- checks ----------------------------------------------------------------------------------------------

    public Checked check(Handle h, RegistryStatement s, Sealed sealed, byte[] attachment) throws Rejection {
        return check(h, s, sealed, attachment, prepare(s, sealed));
    }

    /** What a usage statement's payload says, read and attributed without looking at the registry's state. */
    record PreparedUsage(Collection<UsageRecord> unique, int repeatsInBatch, Map<String, AttributedUsage> attributed) {}

    /**
     * The part of checking that needs no state: reading and attributing a usage batch. The registry does it before
     * taking the writer's lock, so that one submitter's parsing overlaps another's database work. Null for kinds
     * with nothing to prepare, or when the payload does not match its commitment (check reports that).
     */
    public Object prepare(RegistryStatement s, Sealed sealed) throws Rejection {
        if (s.kind() != Kind.USAGE || sealed == null || sealed.payload().length > MAX_SEALED_BYTES
                || !sealed.verify(s.sealedSha256())) {
            return null; // check() refuses these, under the lock, with the reason
        }
        List<UsageRecord> records = readRecords(s, sealed.payload(), "sealed.payload");
        requireSubject(s, "usage:" + s.issuer() + "/" + s.statementId());
        requireCount(s, records.size());
        Map<String, UsageRecord> byId = new LinkedHashMap<>();
        for (UsageRecord r : records) {
            UsageRecord before = byId.putIfAbsent(r.recordId(), r);
            if (before != null && !before.equals(r)) {
                throw Rejection.badInput("two records of " + job(r) + " differ within one batch", "sealed.payload",
                        "Send each job once.");
            }
        }
        Map<String, AttributedUsage> attributed = new HashMap<>();
        for (var e : byId.entrySet()) {
            attributed.put(e.getKey(), attribute(e.getValue()));
        }
        return new PreparedUsage(byId.values(), records.size() - byId.size(), attributed);
    }

    public Checked check(Handle h, RegistryStatement s, Sealed sealed, byte[] attachment, Object prepared) throws Rejection {
        String keyId = authenticate(h, s);
        Actor issuer = actor(h, s.issuer());
        if (issuer == null) {
            throw Rejection.unknownKey("actor '" + s.issuer() + "' is not registered");
        }
        authorize(s, issuer);
        if (h.createQuery("SELECT 1 FROM statement WHERE issuer = :i AND statement_id = :s")
                .bind("i", s.issuer()).bind("s", s.statementId()).mapTo(Integer.class).findFirst().isPresent()) {
            throw Rejection.conflict("statement-replayed", "Statement already accepted", "statement " + s.statementId()
                    + " of " + s.issuer() + " is already in the registry", "Every statement needs a fresh statementId.");
        }
        if (sealed != null && sealed.payload().length > MAX_SEALED_BYTES
                || attachment != null && attachment.length > MAX_SEALED_BYTES) {
            throw new Rejection(413, "payload-too-large", "Payload too large", "a statement's sealed payload or attachment"
                    + " may hold at most " + MAX_SEALED_BYTES + " bytes", sealed != null ? "sealed" : "attachment",
                    "Split it into several statements.");
        }
        if (s.kind().sealed()) {
            if (sealed == null) {
                throw Rejection.badInput("a " + s.kind().wire() + " statement needs its sealed payload beside it",
                        "sealed", "Send {\"salt\": base64, \"payload\": base64} whose commitment is predicate.sealed.sha256.");
            }
            if (!sealed.verify(s.sealedSha256()) || sealed.payload().length != s.sealedSize()) {
                throw Rejection.badInput("the sealed payload does not match the statement's commitment", "sealed",
                        "The commitment is SHA-256(\"computegov/sealed/v1\\n\" || salt || payload).");
            }
        } else if (sealed != null) {
            throw Rejection.badInput(s.kind().wire() + " statements have no sealed payload", "sealed", "Remove it.");
        }
        if (attachment != null && s.kind() != Kind.SCREENING_LIST) {
            throw Rejection.badInput(s.kind().wire() + " statements have no attachment", "attachment", "Remove it.");
        }
        byte[] payload = sealed == null ? null : sealed.payload();
        Object plan = switch (s.kind()) {
            case ACTOR -> checkActor(h, s);
            case KEY -> checkKey(h, s);
            case CUSTOMER -> customers.checkCustomer(h, s, issuer, payload);
            case ACCESS -> customers.checkAccess(h, s, issuer, payload);
            case SCREENING_LIST -> checkList(s, attachment);
            case USAGE -> checkUsage(h, s, (PreparedUsage) (prepared != null ? prepared : prepare(s, sealed)));
            case USAGE_CORRECTION -> checkCorrection(h, s, payload);
            case RUN -> runs.check(h, s, payload);
        };
        return new Checked(s, keyId, sealed, attachment, plan);
    }

    /** The key id of a signature by a registered, unrevoked key of the issuer that verifies; 401 otherwise. */
    String authenticate(Handle h, RegistryStatement s) throws Rejection {
        byte[] pae = s.envelope().pae();
        String why = "no signature names a registered key of " + s.issuer();
        for (DsseSignature sig : s.envelope().signatures()) {
            KeyRow key = key(h, sig.keyId());
            if (key == null) {
                continue;
            }
            if (!key.actor().equals(s.issuer())) {
                why = "key " + sig.keyId() + " belongs to " + key.actor() + ", not to the issuer " + s.issuer();
                continue;
            }
            if (key.revoked()) {
                why = "key " + sig.keyId() + " of " + s.issuer() + " is revoked";
                continue;
            }
            if (key.publicKey().isValid(pae, sig.sig())) {
                return sig.keyId();
            }
            why = "the signature by " + sig.keyId() + " does not verify";
        }
        throw Rejection.unknownKey(why);
    }

    private static void authorize(RegistryStatement s, Actor issuer) throws Rejection {
        if (issuer.has(s.kind().role())) {
            return;
        }
        if (s.kind() == Kind.KEY && s.issuer().equals(s.text("actor"))) {
            return; // an actor manages its own keys
        }
        throw Rejection.forbidden(s.issuer() + " is not a " + s.kind().role().wire() + "; " + s.kind().wire()
                + " statements need that role", "Ask the regulator to register the role, or sign as the right actor.");
    }

    record KeyRow(String actor, Ed25519PublicKey publicKey, boolean revoked) {}

    KeyRow key(Handle h, String keyId) {
        if (keyId.equals(rules.rootKeyId())) {
            try {
                return new KeyRow(rules.rootActor(), rules.root().ed25519Key(), false);
            } catch (FormatException e) {
                throw new IllegalStateException("the root key is not Ed25519", e);
            }
        }
        return h.createQuery("SELECT actor_id, public_key, revoked_index IS NOT NULL AS revoked FROM actor_key WHERE key_id = :k")
                .bind("k", keyId)
                .map((rs, ctx) -> {
                    try {
                        return new KeyRow(rs.getString(1), Ed25519PublicKey.parse(rs.getBytes(2)), rs.getBoolean(3));
                    } catch (FormatException e) {
                        throw new IllegalStateException("a stored key is malformed", e);
                    }
                })
                .findFirst().orElse(null);
    }

    Actor actor(Handle h, String id) {
        Actor stored = h.createQuery("SELECT id, name, roles, jurisdiction FROM actor WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> {
                    Set<Role> roles = EnumSet.noneOf(Role.class);
                    for (String r : (String[]) rs.getArray(3).getArray()) {
                        roles.add(Role.parse(r));
                    }
                    return new Actor(rs.getString(1), rs.getString(2), roles, rs.getString(4));
                }).findFirst().orElse(null);
        if (id.equals(rules.rootActor())) {
            Set<Role> roles = EnumSet.of(Role.REGULATOR);
            if (stored != null) {
                roles.addAll(stored.roles());
            }
            return new Actor(id, stored == null ? id : stored.name(), roles, stored == null ? "" : stored.jurisdiction());
        }
        return stored;
    }

    record ActorPlan(String id, String name, List<Role> roles, String jurisdiction, List<VerifierKey> keys) {}

    private ActorPlan checkActor(Handle h, RegistryStatement s) throws Rejection {
        JsonNode a = s.predicate().get("actor");
        if (a == null || !a.isObject()) {
            throw Rejection.badInput("an actor statement needs predicate.actor", "predicate.actor",
                    "{\"id\", \"name\", \"roles\": [...], \"jurisdiction\": \"US\", \"keys\": [vkey, ...]}");
        }
        String id = text(a, "id", "predicate.actor.id");
        if (!StatementReader.ACTOR_ID.matcher(id).matches()) {
            throw Rejection.badInput("actor id '" + id + "' is not valid", "predicate.actor.id",
                    "Lowercase letters, digits, '.' and '-', 1-64 characters.");
        }
        requireSubject(s, "actor:" + id);
        String name = text(a, "name", "predicate.actor.name");
        String jurisdiction = country(text(a, "jurisdiction", "predicate.actor.jurisdiction"), "predicate.actor.jurisdiction");
        List<Role> roles = new ArrayList<>();
        JsonNode rs = a.get("roles");
        if (rs == null || !rs.isArray() || rs.isEmpty()) {
            throw Rejection.badInput("an actor needs at least one role", "predicate.actor.roles", roleHint());
        }
        for (JsonNode r : rs) {
            Role role = Role.parse(r.asText());
            if (role == null) {
                throw Rejection.badInput("unknown role '" + r.asText() + "'", "predicate.actor.roles", roleHint());
            }
            if (!roles.contains(role)) {
                roles.add(role);
            }
        }
        if (actorExists(h, id)) {
            throw Rejection.conflict("actor-exists", "Actor already registered", "actor " + id + " is already registered",
                    "Manage its keys with key statements.");
        }
        List<VerifierKey> keys = new ArrayList<>();
        JsonNode ks = a.get("keys");
        if (ks == null || !ks.isArray() || ks.isEmpty()) {
            throw Rejection.badInput("an actor needs at least one key", "predicate.actor.keys",
                    "Give verifier keys from 'cgov keys generate --name " + id + "/main'.");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ks.size(); i++) {
            VerifierKey k = verifierKey(h, ks.get(i).asText(), id, "predicate.actor.keys[" + i + "]");
            if (!names.add(k.name())) {
                throw Rejection.badInput("key " + k.name() + " is listed twice", "predicate.actor.keys[" + i + "]",
                        "List each key once, under its own name.");
            }
            keys.add(k);
        }
        return new ActorPlan(id, name, roles, jurisdiction, keys);
    }

    private static String roleHint() {
        return "Roles: " + String.join(", ", Arrays.stream(Role.values()).map(Role::wire).toList()) + ".";
    }

    private boolean actorExists(Handle h, String id) {
        return h.createQuery("SELECT 1 FROM actor WHERE id = :id").bind("id", id).mapTo(Integer.class).findFirst().isPresent();
    }

    private VerifierKey verifierKey(Handle h, String text, String actor, String field) throws Rejection {
        VerifierKey vkey;
        try {
            vkey = VerifierKey.parse(text);
            vkey.ed25519Key();
        } catch (FormatException | RuntimeException e) {
            throw Rejection.badInput("not an Ed25519 verifier key: " + e.getMessage(), field,
                    "Use the vkey 'cgov keys generate' prints: name+hexid+base64.");
        }
        if (!vkey.name().startsWith(actor + "/") || vkey.name().length() == actor.length() + 1) {
            throw Rejection.badInput("key name '" + vkey.name() + "' must be '" + actor + "/<key name>'", field,
                    "Generate it with 'cgov keys generate --name " + actor + "/main'.");
        }
        String keyId = keyId(vkey);
        if (keyId.equals(rules.rootKeyId()) || h.createQuery("SELECT 1 FROM actor_key WHERE key_id = :k OR vkey LIKE :n")
                .bind("k", keyId).bind("n", vkey.name() + "+%").mapTo(Integer.class).findFirst().isPresent()) {
            throw Rejection.conflict("key-exists", "Key already registered", "a key named " + vkey.name()
                    + " is already registered", "Give the new key a new name, e.g. " + actor + "/key-2.");
        }
        return vkey;
    }

    static String keyId(VerifierKey vkey) {
        return vkey.name() + "+" + KeyIds.hex(vkey.keyId());
    }

    /**
     * The key id ({@code name+hexid}) a key statement names, given as the key id or as the whole vkey. The vkey's
     * base64 may itself contain '+', and a key name never does, so the id ends at the second '+'.
     */
    static String keyIdPart(String text) {
        int first = text.indexOf('+');
        int second = first < 0 ? -1 : text.indexOf('+', first + 1);
        return second < 0 ? text : text.substring(0, second);
    }

    record KeyPlan(String actor, boolean add, VerifierKey vkey, String keyId) {}

    private KeyPlan checkKey(Handle h, RegistryStatement s) throws Rejection {
        String actor = text(s.predicate(), "actor", "predicate.actor");
        String action = text(s.predicate(), "action", "predicate.action");
        if (!actorExists(h, actor)) {
            throw Rejection.notFound("actor " + actor + " is not registered", "Register it first (cgov actor register).");
        }
        String keyText = text(s.predicate(), "key", "predicate.key");
        switch (action) {
            case "add" -> {
                VerifierKey vkey = verifierKey(h, keyText, actor, "predicate.key");
                requireSubject(s, "key:" + keyId(vkey));
                return new KeyPlan(actor, true, vkey, keyId(vkey));
            }
            case "revoke" -> {
                String keyId = keyIdPart(keyText);
                KeyRow row = key(h, keyId);
                if (row == null || !row.actor().equals(actor) || keyId.equals(rules.rootKeyId())) {
                    throw Rejection.notFound("actor " + actor + " has no key " + keyId,
                            "Name the key as name+hexid (cgov actor list shows them).");
                }
                if (row.revoked()) {
                    throw Rejection.conflict("key-revoked", "Key already revoked", "key " + keyId + " is already revoked", null);
                }
                requireSubject(s, "key:" + keyId);
                return new KeyPlan(actor, false, null, keyId);
            }
            default -> throw Rejection.badInput("action must be add or revoke, got '" + action + "'", "predicate.action", null);
        }
    }

    record ListPlan(String name, String format, ScreeningList list, String sha256) {}

    private ListPlan checkList(RegistryStatement s, byte[] attachment) throws Rejection {
        JsonNode l = s.predicate().get("list");
        if (l == null || !l.isObject()) {
            throw Rejection.badInput("a screening-list statement needs predicate.list", "predicate.list",
                    "{\"name\": \"csl\", \"format\": \"csl\", \"entries\": N}");
        }
        String name = text(l, "name", "predicate.list.name");
        if (!StatementReader.ACTOR_ID.matcher(name).matches()) {
            throw Rejection.badInput("list name '" + name + "' is not valid", "predicate.list.name", "e.g. csl, synthetic");
        }
        requireSubject(s, "list:" + name);
        String format = text(l, "format", "predicate.list.format");
        if (!format.equals("csl")) {
            throw Rejection.badInput("list format '" + format + "' is not supported", "predicate.list.format",
                    "Give the trade.gov Consolidated Screening List CSV (format csl).");
        }
        if (attachment == null) {
            throw Rejection.badInput("the list file must be attached", "attachment", "Send the CSV as base64 in attachment.");
        }
        String sha = StatementWriter.sha256(attachment);
        if (!sha.equals(s.subjectDigest())) {
            throw Rejection.badInput("the attachment's SHA-256 is not the subject digest", "attachment", null);
        }
        ScreeningList list;
        try {
            list = ScreeningLists.loadCsl(attachment, name);
        } catch (ListFormatException e) {
            throw Rejection.badInput("the list is not a valid CSL CSV: " + e.getMessage(), "attachment", null);
        }
        JsonNode entries = l.get("entries");
        if (entries == null || entries.asInt(-1) != list.size()) {
            throw Rejection.badInput("predicate.list.entries says " + (entries == null ? "nothing" : entries.asText())
                    + " but the file has " + list.size(), "predicate.list.entries", null);
        }
        return new ListPlan(name, format, list, sha);
    }

    ScreeningIndex index(String sha256, ScreeningList list) {
        return indexes.computeIfAbsent(sha256, k -> ScreeningIndex.build(list));
    }

    /** A list version's index, built once (lists are content-addressed, so a sha256 names one index forever). */
    ScreeningIndex index(String sha256, java.util.function.Supplier<ScreeningList> list) {
        return indexes.computeIfAbsent(sha256, k -> ScreeningIndex.build(list.get()));
    }

    Customers customers() {
        return customers;
    }

    record UsagePlan(List<AttributedUsage> fresh, int duplicates) {}

    private UsagePlan checkUsage(Handle h, RegistryStatement s, PreparedUsage prepared) throws Rejection {
        Map<String, UsageRecord> stored = storedRecords(h, prepared.attributed().keySet());
        List<AttributedUsage> fresh = new ArrayList<>();
        int duplicates = prepared.repeatsInBatch();
        for (UsageRecord r : prepared.unique()) {
            UsageRecord old = stored.get(r.recordId());
            if (old == null) {
                fresh.add(prepared.attributed().get(r.recordId()));
            } else if (old.equals(r)) {
                duplicates++;
            } else {
                throw Rejection.conflict("usage-record-differs", "Record already reported differently",
                        job(r) + " (record " + r.recordId() + ") was reported before with other values",
                        "Send a usage correction (cgov usage correct) to change a reported record.");
            }
        }
        return new UsagePlan(fresh, duplicates);
    }

    record CorrectionPlan(List<AttributedUsage> replace, List<String> withdraw) {}

    private CorrectionPlan checkCorrection(Handle h, RegistryStatement s, byte[] payload) throws Rejection {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (java.io.IOException e) {
            throw Rejection.badInput("the correction is not JSON: " + e.getMessage(), "sealed.payload", null);
        }
        if (root == null || !root.isObject() || root.size() == 0
                || !Set.of("replace", "withdraw").containsAll(iterable(root.fieldNames()))) {
            throw Rejection.badInput("a correction is {\"replace\": [usage records], \"withdraw\": [record ids]}",
                    "sealed.payload", null);
        }
        requireSubject(s, "usage:" + s.issuer() + "/" + s.statementId());
        List<UsageRecord> replace = root.has("replace")
                ? readRecords(s, root.get("replace").toString().getBytes(StandardCharsets.UTF_8), "sealed.payload.replace")
                : List.of();
        List<String> withdraw = new ArrayList<>();
        if (root.has("withdraw")) {
            if (!root.get("withdraw").isArray()) {
                throw Rejection.badInput("withdraw must be an array of record ids", "sealed.payload.withdraw", null);
            }
            root.get("withdraw").forEach(n -> withdraw.add(n.asText()));
        }
        requireCount(s, replace.size() + withdraw.size());
        Set<String> ids = new LinkedHashSet<>();
        replace.forEach(r -> ids.add(r.recordId()));
        ids.addAll(withdraw);
        if (ids.size() != replace.size() + withdraw.size()) {
            throw Rejection.badInput("a record appears twice in one correction", "sealed.payload", null);
        }
        Map<String, UsageRecord> stored = storedRecords(h, ids);
        for (String id : ids) {
            // Another provider's record is not there for this one (nor is whether it exists: records are sealed).
            UsageRecord r = stored.get(id);
            if (r == null || !r.provider().equals(s.issuer())) {
                throw Rejection.notFound("usage record " + id + " of " + s.issuer() + " is not in the registry",
                        "A correction changes reported records; report new ones with cgov usage submit.");
            }
        }
        List<AttributedUsage> attributed = new ArrayList<>();
        for (UsageRecord r : replace) {
            attributed.add(attribute(r));
        }
        return new CorrectionPlan(attributed, withdraw);
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private List<UsageRecord> readRecords(RegistryStatement s, byte[] json, String field) throws Rejection {
        ParsedUsage parsed = usageJson.read(new String(json, StandardCharsets.UTF_8));
        if (parsed.records().size() > MAX_RECORDS) {
            throw Rejection.badInput(parsed.records().size() + " records in one statement; at most " + MAX_RECORDS,
                    field, "Split the usage into several statements (cgov usage submit --batch).");
        }
        if (!parsed.ok()) {
            List<String> problems = parsed.problems().stream().limit(20).map(InputProblem::describe).toList();
            throw Rejection.badInput(parsed.problems().size() + " problem(s) in the usage records: "
                    + String.join("; ", problems), field, "Fix the records; nothing was stored.");
        }
        for (UsageRecord r : parsed.records()) {
            if (r.start().isBefore(EARLIEST) || r.end().isAfter(LATEST)) {
                throw Rejection.badInput(job(r) + " runs from " + r.start() + " to " + r.end() + ", outside the years "
                        + "1970-2199 the registry takes", field, "Check the times (UTC, RFC 3339).");
            }
            if (!r.provider().equals(s.issuer())) {
                throw Rejection.forbidden("record of " + job(r) + " names provider " + r.provider() + ", but "
                        + s.issuer() + " signed the statement", "A provider reports its own usage only.");
            }
        }
        return parsed.records();
    }

    /** The span of usage times the registry takes: anything else is a typo, and PostgreSQL could not store it all. */
    static final java.time.Instant EARLIEST = java.time.Instant.parse("1970-01-01T00:00:00Z");
    static final java.time.Instant LATEST = java.time.Instant.parse("2200-01-01T00:00:00Z");
    /** Bounds on one statement's content, so that one request cannot occupy the writer for long. */
    static final int MAX_RECORDS = 100_000;
    static final int MAX_SEALED_BYTES = 32 << 20;

    private static void requireCount(RegistryStatement s, int count) throws Rejection {
        JsonNode n = s.predicate().get("records");
        if (n == null || !n.canConvertToInt() || n.asInt() != count) {
            throw Rejection.badInput("predicate.records must be the number of records (" + count + ")",
                    "predicate.records", null);
        }
    }

    private AttributedUsage attribute(UsageRecord r) throws Rejection {
        try {
            return compute.attribute(r);
        } catch (InvalidInputException e) {
            throw Rejection.badInput(job(r) + ": " + e.getMessage(), "sealed.payload", e.hint());
        }
    }

    Map<String, UsageRecord> storedRecords(Handle h, Set<String> ids) {
        Map<String, UsageRecord> out = new HashMap<>();
        h.createQuery("""
                SELECT record_id, provider, cluster, customer_id, chip, chip_count, start_at, end_at, run_id, job_id
                FROM usage_record WHERE record_id = ANY(:ids) AND NOT withdrawn""")
                .bindArray("ids", String.class, ids)
                .map((rs, ctx) -> new UsageRecord(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(),
                        Optional.ofNullable(rs.getString(9)), rs.getString(10)))
                .forEach(r -> out.put(r.recordId(), r));
        return out;
    }

    /** A record's job as its provider knows it (the job key is a hash nobody can look up). */
    static String job(UsageRecord r) {
        return "job " + r.jobId() + " on cluster " + r.cluster();
    }

    static void requireSubject(RegistryStatement s, String name) throws Rejection {
        if (!s.subject().name().equals(name)) {
            throw Rejection.badInput("the subject of this statement is '" + name + "', not '" + s.subject().name() + "'",
                    "subject[0].name", null);
        }
    }

    /**
     * The field naming a problem inside a sealed payload: {@code sealed.payload} followed by the problem's JSON path
     * in it as the payload's reader gives it ({@code email}, {@code [1].ipAddress}, {@code $.plannedFlop}, or empty
     * for the document): {@code sealed.payload.email}, {@code sealed.payload[1].ipAddress},
     * {@code sealed.payload.plannedFlop}, {@code sealed.payload}.
     */
    static String payloadField(String path) {
        String p = path == null ? "" : path.startsWith("$") ? path.substring(1) : path;
        if (p.isEmpty()) {
            return "sealed.payload";
        }
        return "sealed.payload" + (p.startsWith("[") || p.startsWith(".") ? p : "." + p);
    }

    static String text(JsonNode n, String field, String path) throws Rejection {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            throw Rejection.badInput(path + " is missing", path, null);
        }
        return v.textValue();
    }

    static String country(String code, String field) throws Rejection {
        if (!Set.of(Locale.getISOCountries()).contains(code)) {
            throw Rejection.badInput("'" + code + "' is not an ISO 3166-1 alpha-2 country code", field, "e.g. US, DE, SG");
        }
        return code;
    }

    // ---- application -----------------------------------------------------------------------------------------

    /** What applying a statement did, for the submitter's response. */
    public record Outcome(ObjectNode summary, List<Monitoring.Fired> alerts) {}

    public Outcome apply(Handle h, Checked c, long index) {
        RegistryStatement s = c.statement();
        h.createUpdate("""
                INSERT INTO statement (log_index, issuer, statement_id, kind, issued_at, subject, key_id, commitment)
                VALUES (:i, :issuer, :sid, :kind, :at, :subject, :key, :commitment)""")
                .bind("i", index).bind("issuer", s.issuer()).bind("sid", s.statementId()).bind("kind", s.kind().wire())
                .bind("at", Timestamp.from(s.issuedAt())).bind("subject", s.subject().name()).bind("key", c.keyId())
                .bind("commitment", s.sealedSha256()).execute();
        ObjectNode summary = JSON.createObjectNode();
        List<Monitoring.Fired> fired = new ArrayList<>();
        switch (s.kind()) {
            case ACTOR -> applyActor(h, (ActorPlan) c.plan(), index, summary);
            case KEY -> applyKey(h, (KeyPlan) c.plan(), index, summary);
            case CUSTOMER -> fired.addAll(customers.applyCustomer(h, s, c.plan(), index, summary, monitoring));
            case ACCESS -> customers.applyAccess(h, s, c.plan(), index, summary);
            case SCREENING_LIST -> customers.applyList(h, (ListPlan) c.plan(), index, summary);
            case USAGE -> fired.addAll(applyUsage(h, (UsagePlan) c.plan(), index, summary));
            case USAGE_CORRECTION -> fired.addAll(applyCorrection(h, (CorrectionPlan) c.plan(), index, summary));
            case RUN -> fired.addAll(runs.apply(h, s, c.plan(), index, summary, monitoring));
        }
        h.createUpdate("UPDATE cursor SET log_index = :i").bind("i", index).execute();
        // The submitter hears of the alerts it may read (its accounts', its runs'; a regulator all): an alert on a
        // beneficial owner or on another actor's run would tell it about compute it may not see.
        Actor issuer = actor(h, s.issuer());
        List<Monitoring.Fired> visible = fired.stream().filter(f -> issuer != null && (issuer.has(Role.REGULATOR)
                || !f.subjectKind().equals(Monitoring.OWNER) && f.subject().startsWith(s.issuer() + "/"))).toList();
        if (!visible.isEmpty()) {
            ArrayNode a = summary.putArray("alerts");
            visible.forEach(f -> a.add(f.toJson()));
        }
        return new Outcome(summary, fired);
    }

    /** Moves the cursor over a log entry that is not a registry statement (or that the registry refused). */
    public void skip(Handle h, long index) {
        h.createUpdate("UPDATE cursor SET log_index = :i").bind("i", index).execute();
    }

    public static long cursor(Handle h) {
        return h.createQuery("SELECT log_index FROM cursor").mapTo(Long.class).one();
    }

    private void applyActor(Handle h, ActorPlan p, long index, ObjectNode summary) {
        h.createUpdate("INSERT INTO actor (id, name, roles, jurisdiction, log_index) VALUES (:id, :name, :roles, :j, :i)")
                .bind("id", p.id()).bind("name", p.name())
                .bindArray("roles", String.class, p.roles().stream().map(Role::wire).toList())
                .bind("j", p.jurisdiction()).bind("i", index).execute();
        for (VerifierKey k : p.keys()) {
            insertKey(h, p.id(), k, index);
        }
        summary.put("actor", p.id());
        summary.put("keys", p.keys().size());
    }

    private static void insertKey(Handle h, String actor, VerifierKey k, long index) {
        h.createUpdate("""
                INSERT INTO actor_key (key_id, actor_id, vkey, public_key, added_index) VALUES (:k, :a, :v, :p, :i)""")
                .bind("k", keyId(k)).bind("a", actor).bind("v", k.encode()).bind("p", k.publicKey())
                .bind("i", index).execute();
    }

    private void applyKey(Handle h, KeyPlan p, long index, ObjectNode summary) {
        if (p.add()) {
            insertKey(h, p.actor(), p.vkey(), index);
        } else {
            h.createUpdate("UPDATE actor_key SET revoked_index = :i WHERE key_id = :k").bind("i", index)
                    .bind("k", p.keyId()).execute();
        }
        summary.put("actor", p.actor());
        summary.put(p.add() ? "added" : "revoked", p.keyId());
    }

    private List<Monitoring.Fired> applyUsage(Handle h, UsagePlan p, long index, ObjectNode summary) {
        // A record withdrawn earlier and reported again comes back as a new row.
        h.createUpdate("DELETE FROM usage_record WHERE withdrawn AND record_id = ANY(:ids)")
                .bindArray("ids", String.class, p.fresh().stream().map(a -> a.record().recordId()).toList()).execute();
        UsageRows.insert(h, p.fresh(), index);
        Monitoring.addToBuckets(h, p.fresh());
        summary.put("accepted", p.fresh().size());
        summary.put("duplicates", p.duplicates());
        summary.put("flop", p.fresh().stream().mapToDouble(AttributedUsage::flop).sum());
        return monitoring.afterUsage(h, p.fresh().stream().map(AttributedUsage::record).toList());
    }

    private List<Monitoring.Fired> applyCorrection(Handle h, CorrectionPlan p, long index, ObjectNode summary) {
        Set<String> ids = new HashSet<>(p.withdraw());
        p.replace().forEach(a -> ids.add(a.record().recordId()));
        Map<String, UsageRecord> before = storedRecords(h, ids);
        h.createUpdate("UPDATE usage_record SET withdrawn = true, log_index = :i WHERE record_id = ANY(:ids)")
                .bind("i", index).bindArray("ids", String.class, p.withdraw()).execute();
        h.createUpdate("DELETE FROM usage_record WHERE record_id = ANY(:ids)")
                .bindArray("ids", String.class, p.replace().stream().map(a -> a.record().recordId()).toList()).execute();
        UsageRows.insert(h, p.replace(), index);
        List<UsageRecord> touched = new ArrayList<>(before.values());
        p.replace().forEach(a -> touched.add(a.record()));
        Monitoring.rebuildBuckets(h, touched);
        summary.put("replaced", p.replace().size());
        summary.put("withdrawn", p.withdraw().size());
        return monitoring.afterUsage(h, touched);
    }
}
