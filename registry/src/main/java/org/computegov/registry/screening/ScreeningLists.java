package org.computegov.registry.screening;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads denied-party lists into {@link ScreeningList}s.
 *
 * <ul>
 *   <li>CSL CSV (trade.gov Consolidated Screening List): a header row, columns mapped by name in any order
 *       (only {@code name} is required), quoted fields, multi-valued fields separated by {@code "; "}.</li>
 *   <li>OFAC legacy CSV: SDN ({@code ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage,
 *       GRT, Vess_flag, Vess_owner, Remarks}), optionally ALT ({@code ent_num, alt_num, alt_type, alt_name,
 *       alt_remarks}) and ADD ({@code ent_num, add_num, address, city/state/postal, country, add_remarks}); no
 *       header, {@code -0-} for empty. Entries get source {@code "SDN"}.</li>
 * </ul>
 * Both tolerate a UTF-8 byte order mark and trailing control characters (the OFAC files end with 0x1A). A file
 * that cannot be read as its format raises {@link ListFormatException} naming the line and what is wrong.
 */
public final class ScreeningLists {
    /** Source of entries read from the OFAC legacy files. */
    public static final String OFAC_SOURCE = "SDN";
    /** Class-path resource of the bundled synthetic (fictitious) list. */
    public static final String SYNTHETIC_RESOURCE = "/org/computegov/registry/screening/synthetic_csl.csv";

    private static final Pattern MULTI = Pattern.compile("\\s*;\\s+");
    private static final Pattern LEADING_AND = Pattern.compile("^(?i)and\\s+");
    private static final Pattern OFAC_PROGRAMS = Pattern.compile("\\]\\s*\\[");
    private static final Pattern NATIONALITY = Pattern.compile("(?i)\\b(?:nationality|citizen)\\s+([^;.()]+)");
    private static final Pattern INTEGER = Pattern.compile("\\d+");

    private ScreeningLists() {
    }

    // ---------------------------------------------------------------- auto-detection

    /**
     * Loads a list file, telling the format from its first line: a first field that is a number means an OFAC
     * SDN file (its ALT and ADD files are read too when they lie beside it, named like it with "alt"/"add" in place
     * of "sdn"), anything else is read as CSL CSV.
     */
    public static ScreeningList load(Path file) throws IOException, ListFormatException {
        byte[] bytes = Files.readAllBytes(file);
        String text = decode(bytes, file.getFileName().toString(), false);
        int eol = text.indexOf('\n');
        String first = (eol < 0 ? text : text.substring(0, eol)).strip();
        int comma = first.indexOf(',');
        String firstField = (comma < 0 ? first : first.substring(0, comma)).replace("\"", "").strip();
        if (INTEGER.matcher(firstField).matches()) {
            Path alt = sibling(file, "alt");
            Path add = sibling(file, "add");
            return loadOfac(file, alt != null && Files.isRegularFile(alt) ? alt : null,
                    add != null && Files.isRegularFile(add) ? add : null);
        }
        return loadCsl(bytes, file.toString());
    }

    private static Path sibling(Path sdn, String kind) {
        String name = sdn.getFileName().toString();
        int i = name.toLowerCase(Locale.ROOT).lastIndexOf("sdn");
        if (i < 0) return null;
        String repl = Character.isUpperCase(name.charAt(i)) ? kind.toUpperCase(Locale.ROOT) : kind;
        return sdn.resolveSibling(name.substring(0, i) + repl + name.substring(i + 3));
    }

    /** The bundled synthetic list: about 200 fictitious entries in CSL format, for tests and demos. */
    public static ScreeningList synthetic() {
        try (InputStream in = ScreeningLists.class.getResourceAsStream(SYNTHETIC_RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + SYNTHETIC_RESOURCE);
            return loadCsl(in.readAllBytes(), "synthetic_csl.csv (bundled, fictitious)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ListFormatException e) {
            throw new IllegalStateException("bundled list is invalid: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- CSL

    /** Loads a CSL CSV file. */
    public static ScreeningList loadCsl(Path file) throws IOException, ListFormatException {
        return loadCsl(Files.readAllBytes(file), file.toString());
    }

    /** Loads CSL CSV bytes; {@code description} names them in errors and in the version. */
    public static ScreeningList loadCsl(byte[] bytes, String description) throws ListFormatException {
        Instant loadedAt = Instant.now();
        String text = decode(bytes, description, true);
        List<Rec> records = parse(text, description);
        if (records.isEmpty()) throw new ListFormatException(description, 0, "empty file, no header row", "A CSL CSV starts with a header row naming its columns.");
        Rec header = records.get(0);
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.fields.length; i++) {
            String h = header.fields[i].strip().toLowerCase(Locale.ROOT);
            if (h.isEmpty()) continue;
            if (col.put(h, i) != null) {
                throw new ListFormatException(description, header.line, "column \"" + h + "\" appears twice in the header", "Each CSL column may appear once.");
            }
        }
        if (!col.containsKey("name")) {
            throw new ListFormatException(description, header.line, "no \"name\" column in the header (columns: "
                    + String.join(", ", Arrays.asList(header.fields)) + ")",
                    "A CSL CSV needs at least a name column; see the trade.gov CSL CSV format.");
        }
        List<ListEntry> entries = new ArrayList<>(records.size() - 1);
        for (Rec r : records.subList(1, records.size())) {
            if (r.fields.length != header.fields.length) {
                throw new ListFormatException(description, r.line, r.fields.length + " fields, the header has " + header.fields.length,
                        "Quote fields that contain commas; every row needs one field per header column.");
            }
            String name = get(r, col, "name");
            if (name.isEmpty()) throw new ListFormatException(description, r.line, "empty name", "Every entry needs a name.");
            List<String> addresses = stripAnd(split(get(r, col, "addresses")));
            TreeSet<String> countries = new TreeSet<>();
            for (String a : addresses) {
                int c = a.lastIndexOf(',');
                String iso = Countries.toIso2(c < 0 ? a : a.substring(c + 1));
                if (iso != null) countries.add(iso);
            }
            for (String key : List.of("citizenships", "nationalities")) {
                for (String c : split(get(r, col, key))) {
                    String iso = Countries.toIso2(c);
                    if (iso != null) countries.add(iso);
                }
            }
            entries.add(new ListEntry(get(r, col, "source"), get(r, col, "entity_number"), get(r, col, "_id"),
                    get(r, col, "type"), name, stripAnd(split(get(r, col, "alt_names"))), addresses, countries,
                    split(get(r, col, "programs")), split(get(r, col, "ids")), get(r, col, "remarks")));
        }
        ListVersion v = new ListVersion(sha256Hex(bytes), loadedAt, entries.size(), "CSL CSV " + description);
        return new ScreeningList(v, entries);
    }

    private static String get(Rec r, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        return i == null ? "" : r.fields[i].strip();
    }

    private static List<String> split(String v) {
        if (v.isEmpty()) return List.of();
        List<String> out = new ArrayList<>();
        for (String s : MULTI.split(v)) {
            String t = s.strip();
            if (!t.isEmpty()) out.add(t);
        }
        return out;
    }

    private static List<String> stripAnd(List<String> items) {
        List<String> out = new ArrayList<>(items.size());
        for (String s : items) {
            String t = LEADING_AND.matcher(s).replaceFirst("").strip();
            if (!t.isEmpty()) out.add(t);
        }
        return out;
    }

    // ---------------------------------------------------------------- OFAC legacy

    /** Loads the OFAC legacy SDN file, with its ALT and ADD files when given (either may be null). */
    public static ScreeningList loadOfac(Path sdn, Path alt, Path add) throws IOException, ListFormatException {
        StringBuilder desc = new StringBuilder("OFAC legacy CSV ").append(sdn);
        if (alt != null) desc.append(" + ").append(alt.getFileName());
        if (add != null) desc.append(" + ").append(add.getFileName());
        return loadOfac(Files.readAllBytes(sdn), alt == null ? null : Files.readAllBytes(alt),
                add == null ? null : Files.readAllBytes(add), sdn.getFileName().toString(),
                alt == null ? "ALT" : alt.getFileName().toString(), add == null ? "ADD" : add.getFileName().toString(),
                desc.toString());
    }

    /**
     * Loads OFAC legacy bytes. The version hash is the SHA-256 of the SDN bytes when neither ALT nor ADD is
     * given, else the SHA-256 of the three files' hex hashes joined by newlines (empty for a missing file).
     */
    public static ScreeningList loadOfac(byte[] sdn, byte[] alt, byte[] add, String sdnName, String altName,
                                         String addName, String description) throws ListFormatException {
        Instant loadedAt = Instant.now();
        Map<String, Builder> byNum = new LinkedHashMap<>();
        for (Rec r : parse(decode(sdn, sdnName, false), sdnName)) {
            need(r, 12, sdnName, "ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks");
            String num = entNum(r, sdnName);
            String name = ofac(r.fields[1]);
            if (name.isEmpty()) throw new ListFormatException(sdnName, r.line, "empty SDN_Name", "Every SDN record needs a name.");
            Builder b = new Builder(num, name, ofacType(ofac(r.fields[2])), ofac(r.fields[3]), ofac(r.fields[11]));
            if (byNum.put(num, b) != null) {
                throw new ListFormatException(sdnName, r.line, "ent_num " + num + " appears twice", "Each SDN entry has its own ent_num.");
            }
        }
        if (alt != null) {
            for (Rec r : parse(decode(alt, altName, false), altName)) {
                need(r, 5, altName, "ent_num, alt_num, alt_type, alt_name, alt_remarks");
                Builder b = byNum.get(entNum(r, altName));
                String a = ofac(r.fields[3]);
                if (b != null && !a.isEmpty() && !b.alt.contains(a)) b.alt.add(a);
            }
        }
        if (add != null) {
            for (Rec r : parse(decode(add, addName, false), addName)) {
                need(r, 6, addName, "ent_num, add_num, address, city/state/postal, country, add_remarks");
                Builder b = byNum.get(entNum(r, addName));
                if (b == null) continue;
                List<String> parts = new ArrayList<>(3);
                for (int i = 2; i <= 4; i++) {
                    String p = ofac(r.fields[i]);
                    if (!p.isEmpty()) parts.add(p);
                }
                if (!parts.isEmpty()) b.addresses.add(String.join(", ", parts));
                String iso = Countries.toIso2(ofac(r.fields[4]));
                if (iso != null) b.countries.add(iso);
            }
        }
        List<ListEntry> entries = new ArrayList<>(byNum.size());
        for (Builder b : byNum.values()) entries.add(b.build());
        String hash = alt == null && add == null ? sha256Hex(sdn)
                : sha256Hex((sha256Hex(sdn) + "\n" + (alt == null ? "" : sha256Hex(alt)) + "\n" + (add == null ? "" : sha256Hex(add)))
                .getBytes(StandardCharsets.US_ASCII));
        return new ScreeningList(new ListVersion(hash, loadedAt, entries.size(), description), entries);
    }

    private static void need(Rec r, int n, String file, String columns) throws ListFormatException {
        if (r.fields.length != n) {
            throw new ListFormatException(file, r.line, r.fields.length + " fields, expected " + n + " (" + columns + ")",
                    "Is this the right OFAC legacy file?");
        }
    }

    private static String entNum(Rec r, String file) throws ListFormatException {
        String num = r.fields[0].strip();
        if (!INTEGER.matcher(num).matches()) {
            throw new ListFormatException(file, r.line, "ent_num \"" + num + "\" is not a number", "The first field of an OFAC legacy record is the entity number.");
        }
        return num;
    }

    private static String ofac(String v) {
        String t = v.strip();
        return t.equals("-0-") ? "" : t;
    }

    private static String ofacType(String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "" -> "Entity";
            case "individual" -> "Individual";
            case "vessel" -> "Vessel";
            case "aircraft" -> "Aircraft";
            default -> t;
        };
    }

    private static final class Builder {
        final String num;
        final String name;
        final String type;
        final String programs;
        final String remarks;
        final List<String> alt = new ArrayList<>();
        final List<String> addresses = new ArrayList<>();
        final TreeSet<String> countries = new TreeSet<>();

        Builder(String num, String name, String type, String programs, String remarks) {
            this.num = num;
            this.name = name;
            this.type = type;
            this.programs = programs;
            this.remarks = remarks;
        }

        ListEntry build() {
            Matcher m = NATIONALITY.matcher(remarks);
            while (m.find()) {
                String iso = Countries.toIso2(m.group(1));
                if (iso != null) countries.add(iso);
            }
            List<String> progs = new ArrayList<>();
            for (String p : OFAC_PROGRAMS.split(programs)) {
                String t = p.replace("[", "").replace("]", "").strip();
                if (!t.isEmpty()) progs.add(t);
            }
            return new ListEntry(OFAC_SOURCE, num, "", type, name, alt, addresses, countries, progs, List.of(), remarks);
        }
    }

    // ---------------------------------------------------------------- shared

    private record Rec(long line, String[] fields) {
    }

    private static List<Rec> parse(String text, String file) throws ListFormatException {
        requireQuotesInPlace(text, file);
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
        List<Rec> out = new ArrayList<>();
        long lastLine = 0;
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            var it = p.iterator();
            while (true) {
                CSVRecord r;
                try {
                    if (!it.hasNext()) break;
                    r = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    String msg = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
                    throw new ListFormatException(file, lastLine + 1, "not valid CSV: " + msg,
                            "Fields with commas, quotes or line breaks must be quoted, quotes inside doubled.", e);
                }
                out.add(new Rec(lastLine + 1, r.values()));
                lastLine = p.getCurrentLineNumber();
            }
        } catch (IOException e) {
            throw new ListFormatException(file, lastLine + 1, "not valid CSV: " + e.getMessage(), "", e);
        }
        return out;
    }

    /**
     * RFC 4180's quoting, which Commons CSV enforces only in part: a quote inside a field that did not start with
     * one ({@code Acme "Intl" Ltd,...}) is taken literally there, so a row broken by a stray quote would be read as
     * some other row. A quote may only open a field, close it (before a comma or a line end) or be doubled inside it.
     */
    private static void requireQuotesInPlace(String text, String file) throws ListFormatException {
        long line = 1;
        boolean quoted = false;
        boolean fieldStart = true;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        quoted = false;
                        char next = i + 1 < n ? text.charAt(i + 1) : ',';
                        if (next != ',' && next != '\n' && next != '\r') {
                            throw strayQuote(file, line, "a quoted field goes on after its closing quote");
                        }
                    }
                } else if (c == '\n') {
                    line++;
                }
                continue;
            }
            if (c == '"') {
                if (!fieldStart) {
                    throw strayQuote(file, line, "a quote inside a field that does not start with one");
                }
                quoted = true;
                fieldStart = false;
                continue;
            }
            if (c == '\n') {
                line++;
            }
            fieldStart = c == ',' || c == '\n' || c == '\r';
        }
    }

    private static ListFormatException strayQuote(String file, long line, String what) {
        return new ListFormatException(file, line, "not valid CSV: " + what,
                "Fields with commas, quotes or line breaks must be quoted, quotes inside doubled (\"\").");
    }

    /**
     * Decodes a list file: strips a byte order mark and trailing control characters and whitespace; rejects other
     * control characters. {@code strictUtf8} rejects bytes that are not UTF-8; otherwise they are read as Latin-1.
     */
    private static String decode(byte[] bytes, String file, boolean strictUtf8) throws ListFormatException {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult cr = dec.decode(in, out, true);
        String text;
        if (cr.isError()) {
            if (strictUtf8) {
                throw new ListFormatException(file, lineAt(bytes, in.position()), "not UTF-8 (byte 0x"
                        + String.format("%02X", bytes[in.position()]) + " at offset " + in.position() + ")", "Save the list as UTF-8.");
            }
            text = new String(bytes, StandardCharsets.ISO_8859_1);
        } else {
            dec.flush(out);
            out.flip();
            text = out.toString();
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
        int end = text.length();
        while (end > 0 && (Character.isISOControl(text.charAt(end - 1)) || Character.isWhitespace(text.charAt(end - 1)))) end--;
        text = text.substring(0, end);
        long line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') line++;
            else if (Character.isISOControl(c) && c != '\r' && c != '\t') {
                throw new ListFormatException(file, line, String.format("control character U+%04X inside the file", (int) c),
                        "Only the end of a list file may carry control characters.");
            }
        }
        return text;
    }

    private static long lineAt(byte[] bytes, int offset) {
        long line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) if (bytes[i] == '\n') line++;
        return line;
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
