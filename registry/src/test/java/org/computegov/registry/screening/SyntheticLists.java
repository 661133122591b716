package org.computegov.registry.screening;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Fictitious list entries: invented words from syllables, so no name belongs to a real party. Generates the
 * bundled {@code synthetic_csl.csv} (run {@link #main} with the output path) and pads benchmark lists.
 */
public final class SyntheticLists {
    static final String[] CSL_HEADER = {"_id", "source", "entity_number", "type", "programs", "name", "title", "addresses",
            "federal_register_notice", "start_date", "end_date", "standard_order", "license_requirement", "license_policy",
            "call_sign", "vessel_type", "gross_tonnage", "gross_registered_tonnage", "vessel_flag", "vessel_owner", "remarks",
            "source_list_url", "alt_names", "citizenships", "dates_of_birth", "nationalities", "places_of_birth",
            "source_information_url", "ids"};
    static final String REMARK = "FICTITIOUS ENTRY: computegov synthetic test data, not a real party";
    private static final String[] ONSETS = {"zor", "quil", "vex", "tral", "mor", "dax", "plin", "grav", "xel", "yor", "blen", "crux",
            "fen", "hob", "jin", "kel", "lum", "nix", "oph", "prax", "rul", "siv", "tov", "ulm", "vry", "wex", "zun", "qar", "brol", "drev"};
    private static final String[] CODAS = {"blat", "ix", "onex", "ara", "endo", "ulon", "ivra", "esk", "otte", "arn", "umbe", "ique",
            "alor", "ethyn", "orvo", "izza", "ankt", "ulph", "emmo", "aspe"};
    private static final String[] INDUSTRY = {"Quantum", "Compute", "Semiconductor", "Photonics", "Logistics", "Trading", "Systems",
            "Dynamics", "Microelectronics", "Analytics", "Research Institute", "Technology", "Shipping", "Aerospace", "Holdings",
            "Electronics", "Data Centre", "Cloud Services", "Machine Works", "Lithography"};
    private static final String[] FORMS = {"LLC", "Ltd", "Co., Ltd.", "Inc.", "GmbH", "JSC", "OOO", "LLP", "S.A.", "AG", "PLC",
            "Corporation", "Company", "Limited", ""};
    private static final String[] COUNTRIES = {"CN", "RU", "IR", "KP", "BY", "SY", "AE", "HK", "TR", "VE", "MM", "CU"};
    private static final String[] SOURCES = {"Synthetic Entity List (SEL) - computegov test data",
            "Synthetic Denied Persons List (SDP) - computegov test data", "Synthetic Sanctions List (SSN) - computegov test data"};

    private SyntheticLists() {
    }

    static String word(Random r) {
        String w = ONSETS[r.nextInt(ONSETS.length)] + CODAS[r.nextInt(CODAS.length)];
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    /** {@code count} generated entries (distinct names), deterministic for a seed; numbers start at {@code firstNumber}. */
    static List<ListEntry> generate(int count, long seed, int firstNumber) {
        Random r = new Random(seed);
        List<ListEntry> out = new ArrayList<>(count);
        Set<String> names = new HashSet<>();
        while (out.size() < count) {
            int num = firstNumber + out.size();
            String country = COUNTRIES[r.nextInt(COUNTRIES.length)];
            boolean person = r.nextInt(5) == 0;
            String name;
            List<String> aliases = new ArrayList<>();
            if (person) {
                String family = word(r).toUpperCase(java.util.Locale.ROOT);
                name = family + ", " + word(r) + (r.nextBoolean() ? " " + word(r) : "");
            } else {
                String core = word(r) + (r.nextInt(3) == 0 ? " " + word(r) : "");
                name = (core + " " + INDUSTRY[r.nextInt(INDUSTRY.length)] + " " + FORMS[r.nextInt(FORMS.length)]).strip();
                if (r.nextInt(3) == 0) aliases.add(core + " " + INDUSTRY[r.nextInt(INDUSTRY.length)]);
                if (r.nextInt(6) == 0) aliases.add(acronym(name));
            }
            if (!names.add(name.toLowerCase(java.util.Locale.ROOT))) continue;
            String address = (1 + r.nextInt(300)) + " " + word(r) + " Road, " + word(r) + " City, " + country;
            out.add(new ListEntry(SOURCES[r.nextInt(SOURCES.length)], Integer.toString(num), "", person ? "Individual" : "Entity",
                    name, aliases, List.of(address), new TreeSet<>(List.of(country)), List.of("SYN-" + country), List.of(), REMARK));
        }
        return out;
    }

    private static String acronym(String name) {
        StringBuilder sb = new StringBuilder();
        for (String w : name.split("[ ,.]+")) if (!w.isEmpty() && Character.isUpperCase(w.charAt(0))) sb.append(w.charAt(0));
        return sb.toString();
    }

    /** Hand-written entries that exercise the normalizer and matcher, then generated ones: 200 in all. */
    static List<ListEntry> bundled() {
        List<ListEntry> out = new ArrayList<>();
        String sel = SOURCES[0];
        String sdp = SOURCES[1];
        String ssn = SOURCES[2];
        out.add(entry(sel, "1", "Entity", "Zorblat Quantum Dynamics LLC", List.of("Zorblat QD", "ZQD Holdings"), "12 Fictive Road, Shenzhen, Guangdong, CN"));
        out.add(entry(sel, "2", "Entity", "Łódźwerk Fiktiv Halbleiter GmbH", List.of(), "Ulica Zmyślona 7, Łódź, PL"));
        out.add(entry(ssn, "3", "Entity", "Zorbalink Trading LLC", List.of("ООО Зорбалинк Трейдинг"), "Vymyshlennaya ulitsa 3, Moskva, RU"));
        out.add(entry(sel, "4", "Entity", "Pseudonex Compute Company; and any successor, sub-unit, or subsidiary thereof", List.of(), "Imaginary Tower, Dubai, AE"));
        out.add(entry(sel, "5", "Entity", "Academy of Imaginary Accelerators (AIA)", List.of("Imaginary Accelerator Academy", "and AIA Compute Bureau"), "1 Nowhere Street, Harbin, CN"));
        out.add(entry(sdp, "6", "Individual", "QUILLENBY, Travok Marrow", List.of("Travok QUILENBY"), "Tehran, IR"));
        out.add(entry(ssn, "7", "Entity", "Novarix Systems", List.of(), "Fictional Prospekt 9, Minsk, BY"));
        out.add(entry(ssn, "8", "Entity", "Novarix Systems", List.of(), "Imaginary Boulevard 4, Tehran, IR"));
        out.add(entry(sel, "9", "Entity", "Müller-Fakeburg Halbleiter AG", List.of("Mueller Fakeburg Semiconductors"), "Erfundene Strasse 1, Zug, CH"));
        out.add(entry(ssn, "10", "Entity", "Aero-Phantasma Airlines S.A.", List.of("Aerophantasma"), "Calle Ficticia 5, Caracas, VE"));
        out.add(entry(sdp, "11", "Individual", "Ωmega Dreamer", List.of("Ωμέγα Ονειροπόλος"), "Odos Plasmatos 2, Athens, GR"));
        out.add(entry(sel, "12", "Entity", "Fictitia International Cloud Company Ltd", List.of("Fictitia Intl Cloud"), "88 Pretend Avenue, Hong Kong, HK"));
        for (ListEntry e : generate(200 - out.size(), 20261125L, 1000)) out.add(e);
        return out;
    }

    private static ListEntry entry(String source, String num, String type, String name, List<String> aliases, String address) {
        String country = address.substring(address.lastIndexOf(',') + 1).strip();
        return new ListEntry(source, num, "", type, name, aliases, List.of(address), new TreeSet<>(List.of(country)),
                List.of("SYN-" + country), List.of(), REMARK);
    }

    /** The entries as CSL CSV text (every field quoted, multi-valued fields joined by "; "). */
    static String toCsl(List<ListEntry> entries) throws IOException {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.ALL).setRecordSeparator("\n").get())) {
            p.printRecord((Object[]) CSL_HEADER);
            for (ListEntry e : entries) {
                String[] row = new String[CSL_HEADER.length];
                java.util.Arrays.fill(row, "");
                row[0] = "syn-" + e.entityNumber();
                row[1] = e.source();
                row[2] = e.entityNumber();
                row[3] = e.type();
                row[4] = String.join("; ", e.programs());
                row[5] = e.name();
                row[7] = String.join("; ", e.addresses());
                row[20] = e.remarks();
                row[22] = String.join("; ", e.altNames());
                if (e.type().equals("Individual")) row[25] = String.join("; ", e.countries());
                p.printRecord((Object[]) row);
            }
        }
        return w.toString();
    }

    /** Writes the bundled list: {@code SyntheticLists registry/src/main/resources/org/computegov/registry/screening/synthetic_csl.csv}. */
    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[0]), toCsl(bundled()), StandardCharsets.UTF_8);
    }
}
