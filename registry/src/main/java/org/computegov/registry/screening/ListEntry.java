package org.computegov.registry.screening;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One party on a denied-party list, in one model for the trade.gov Consolidated Screening List and the OFAC
 * legacy SDN files. Names are kept as published; normalization happens when a list is indexed.
 *
 * @param source       the list it is on, as published: the CSL {@code source} column (e.g. "Entity List (EL) -
 *                     Bureau of Industry and Security") or {@code "SDN"} for the OFAC files
 * @param entityNumber the publisher's entity number (OFAC ent_num, CSL entity_number); may be empty
 * @param listId       the CSL {@code _id}; empty for OFAC
 * @param type         Individual, Entity, Vessel, Aircraft; may be empty
 * @param name         the primary name as published
 * @param altNames     aliases (a.k.a., f.k.a., n.k.a.)
 * @param addresses    addresses, one string each
 * @param countries    ISO 3166-1 alpha-2 codes found in addresses, citizenships and nationalities
 * @param programs     sanctions programs
 * @param ids          identification documents as published ("Passport, 836238033, KP")
 * @param remarks      remarks; may be empty
 */
public record ListEntry(String source, String entityNumber, String listId, String type, String name,
                        List<String> altNames, List<String> addresses, SortedSet<String> countries,
                        List<String> programs, List<String> ids, String remarks) {

    private static final Pattern SOURCE_CODE = Pattern.compile("\\(([A-Z]{2,6})\\)");

    public ListEntry {
        source = Objects.requireNonNullElse(source, "");
        entityNumber = Objects.requireNonNullElse(entityNumber, "");
        listId = Objects.requireNonNullElse(listId, "");
        type = Objects.requireNonNullElse(type, "");
        Objects.requireNonNull(name, "name");
        altNames = List.copyOf(altNames);
        addresses = List.copyOf(addresses);
        countries = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(countries));
        programs = List.copyOf(programs);
        ids = List.copyOf(ids);
        remarks = Objects.requireNonNullElse(remarks, "");
    }

    /** Short code of the source list: the parenthesised abbreviation of a CSL source ("EL", "SDN", "DPL"), else the source. */
    public String sourceCode() {
        Matcher m = SOURCE_CODE.matcher(source);
        return m.find() ? m.group(1) : source;
    }

    /**
     * Identity of this party across versions of a list: source code plus entity number, else plus the CSL
     * {@code _id}, else plus the name. Two versions of a list that keep the key are the same party.
     */
    public String key() {
        String id = !entityNumber.isEmpty() ? entityNumber : !listId.isEmpty() ? listId : name.toUpperCase(java.util.Locale.ROOT);
        return sourceCode() + ":" + id;
    }

    /** The entity number, else the CSL {@code _id}, else empty: what a person would quote to find the entry. */
    public String entityId() {
        return !entityNumber.isEmpty() ? entityNumber : listId;
    }

    /** Every published name: the primary name first, then the aliases. */
    public List<String> allNames() {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(1 + altNames.size());
        all.add(name);
        all.addAll(altNames);
        return all;
    }

    /** SHA-256 (hex) over every field: changes when anything about the entry changes between list versions. */
    public String contentHash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String s : List.of(source, entityNumber, listId, type, name, remarks)) feed(md, s);
            for (List<String> l : List.of(altNames, addresses, List.copyOf(countries), programs, ids)) {
                feed(md, Integer.toString(l.size()));
                for (String s : l) feed(md, s);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void feed(MessageDigest md, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        md.update((byte) (b.length >>> 24));
        md.update((byte) (b.length >>> 16));
        md.update((byte) (b.length >>> 8));
        md.update((byte) b.length);
        md.update(b);
    }
}
