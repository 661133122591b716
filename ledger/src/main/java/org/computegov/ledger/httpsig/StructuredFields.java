package org.computegov.ledger.httpsig;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.computegov.ledger.FormatException;

/**
 * The part of RFC 8941 Structured Field Values that HTTP Message Signatures use: Dictionaries whose
 * members are Items or Inner Lists, with Parameters, and all six bare item types. Parsing follows
 * RFC 8941 §4.2 step by step; serialization follows §4.1, which is the canonical form RFC 9421
 * signs.
 */
final class StructuredFields {
    /** RFC 8941 §3.3.1: at most fifteen digits. */
    static final long MAX_INTEGER = 999_999_999_999_999L;

    private StructuredFields() {}

    /** An Integer, Decimal, String, Token, Byte Sequence or Boolean (RFC 8941 §3.3). */
    sealed interface BareItem permits SfInteger, SfDecimal, SfString, SfToken, SfByteSequence, SfBoolean {}

    record SfInteger(long value) implements BareItem {
        SfInteger {
            if (value < -MAX_INTEGER || value > MAX_INTEGER) {
                throw new IllegalArgumentException("structured field integer out of range: " + value);
            }
        }
    }

    record SfDecimal(BigDecimal value) implements BareItem {
        SfDecimal {
            if (value == null) {
                throw new IllegalArgumentException("decimal is missing");
            }
        }
    }

    record SfString(String value) implements BareItem {
        SfString {
            if (value == null || !value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
                throw new IllegalArgumentException("structured field strings hold printable ASCII only");
            }
        }
    }

    record SfToken(String value) implements BareItem {
        SfToken {
            if (!isToken(value)) {
                throw new IllegalArgumentException("not a structured field token: '" + value + "'");
            }
        }
    }

    record SfByteSequence(byte[] value) implements BareItem {
        SfByteSequence {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SfByteSequence b && Arrays.equals(b.value, value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "SfByteSequence[" + Base64.getEncoder().encodeToString(value) + "]";
        }
    }

    record SfBoolean(boolean value) implements BareItem {}

    record Parameter(String key, BareItem value) {
        Parameter {
            if (!isKey(key) || value == null) {
                throw new IllegalArgumentException("not a structured field parameter: '" + key + "'");
            }
        }
    }

    /** An ordered map of keys to bare items; keys are unique. */
    record Parameters(List<Parameter> list) {
        static final Parameters NONE = new Parameters(List.of());

        Parameters {
            list = List.copyOf(list);
            if (list.stream().map(Parameter::key).distinct().count() != list.size()) {
                throw new IllegalArgumentException("parameter keys must be unique");
            }
        }

        Optional<BareItem> get(String key) {
            return list.stream().filter(p -> p.key().equals(key)).map(Parameter::value).findFirst();
        }

        boolean isEmpty() {
            return list.isEmpty();
        }
    }

    /** A Dictionary or List member: an Item or an Inner List. */
    sealed interface Member permits Item, InnerList {
        Parameters parameters();
    }

    record Item(BareItem value, Parameters parameters) implements Member {
        Item {
            if (value == null || parameters == null) {
                throw new IllegalArgumentException("item value and parameters are required");
            }
        }
    }

    record InnerList(List<Item> items, Parameters parameters) implements Member {
        InnerList {
            items = List.copyOf(items);
            if (parameters == null) {
                throw new IllegalArgumentException("inner list parameters are required");
            }
        }
    }

    record DictionaryMember(String key, Member value) {
        DictionaryMember {
            if (!isKey(key) || value == null) {
                throw new IllegalArgumentException("not a dictionary member: '" + key + "'");
            }
        }
    }

    /** An ordered map of keys to members; keys are unique. */
    record Dictionary(List<DictionaryMember> members) {
        Dictionary {
            members = List.copyOf(members);
            if (members.stream().map(DictionaryMember::key).distinct().count() != members.size()) {
                throw new IllegalArgumentException("dictionary keys must be unique");
            }
        }

        Optional<Member> get(String key) {
            return members.stream().filter(m -> m.key().equals(key)).map(DictionaryMember::value).findFirst();
        }

        List<String> keys() {
            return members.stream().map(DictionaryMember::key).toList();
        }
    }

    /** What to do with a repeated dictionary or parameter key. */
    enum Duplicates {
        /** RFC 8941 §4.2.2 and §4.2.3.2: the last value wins, at the first one's position. */
        LAST_WINS,
        /** Fail parsing, for fields whose keys a later specification requires to be unique. */
        REJECT
    }

    // ---------------------------------------------------------------- serializing (RFC 8941 §4.1)

    static String serialize(Dictionary dictionary) {
        StringBuilder out = new StringBuilder();
        for (DictionaryMember m : dictionary.members()) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(m.key());
            if (m.value() instanceof Item item && item.value().equals(new SfBoolean(true))) {
                serializeParameters(item.parameters(), out);
            } else {
                out.append('=');
                serializeMember(m.value(), out);
            }
        }
        return out.toString();
    }

    static String serialize(Member member) {
        StringBuilder out = new StringBuilder();
        serializeMember(member, out);
        return out.toString();
    }

    static String serialize(BareItem item) {
        StringBuilder out = new StringBuilder();
        serializeBareItem(item, out);
        return out.toString();
    }

    private static void serializeMember(Member member, StringBuilder out) {
        if (member instanceof InnerList list) {
            out.append('(');
            for (int i = 0; i < list.items().size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                serializeMember(list.items().get(i), out);
            }
            out.append(')');
        } else {
            serializeBareItem(((Item) member).value(), out);
        }
        serializeParameters(member.parameters(), out);
    }

    private static void serializeParameters(Parameters parameters, StringBuilder out) {
        for (Parameter p : parameters.list()) {
            out.append(';').append(p.key());
            if (!p.value().equals(new SfBoolean(true))) {
                out.append('=');
                serializeBareItem(p.value(), out);
            }
        }
    }

    private static void serializeBareItem(BareItem item, StringBuilder out) {
        if (item instanceof SfInteger i) {
            out.append(i.value());
        } else if (item instanceof SfDecimal d) {
            out.append(serializeDecimal(d.value()));
        } else if (item instanceof SfString s) {
            out.append('"');
            for (int k = 0; k < s.value().length(); k++) {
                char c = s.value().charAt(k);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
        } else if (item instanceof SfToken t) {
            out.append(t.value());
        } else if (item instanceof SfByteSequence b) {
            out.append(':').append(Base64.getEncoder().encodeToString(b.value)).append(':');
        } else {
            out.append(((SfBoolean) item).value() ? "?1" : "?0");
        }
    }

    /** RFC 8941 §4.1.5: three fractional digits at most, rounding half to even; 12 integer digits at most. */
    private static String serializeDecimal(BigDecimal value) {
        BigDecimal rounded = value.setScale(3, RoundingMode.HALF_EVEN);
        if (rounded.abs().compareTo(BigDecimal.valueOf(1_000_000_000_000L)) >= 0) {
            throw new IllegalArgumentException("decimal has more than 12 integer digits: " + value);
        }
        String plain = rounded.stripTrailingZeros().toPlainString(); // BigDecimal has no negative zero
        return plain.contains(".") ? plain : plain + ".0";
    }

    // ---------------------------------------------------------------- parsing (RFC 8941 §4.2)

    /**
     * Parses a Dictionary field value (RFC 8941 §4.2 with field_type "dictionary"); {@code field}
     * names the field in error messages. An empty value is an empty dictionary.
     */
    static Dictionary parseDictionary(String value, String field, Duplicates duplicates) throws FormatException {
        Parser p = new Parser(value, field, duplicates);
        p.requireAscii();
        p.skipSp();
        List<DictionaryMember> members = new ArrayList<>();
        while (!p.atEnd()) {
            String key = p.parseKey();
            Member member;
            if (p.peek() == '=') {
                p.pos++;
                member = p.parseItemOrInnerList();
            } else {
                member = new Item(new SfBoolean(true), p.parseParameters());
            }
            int existing = indexOf(members, key);
            if (existing < 0) {
                members.add(new DictionaryMember(key, member));
            } else if (duplicates == Duplicates.LAST_WINS) {
                members.set(existing, new DictionaryMember(key, member));
            } else {
                throw p.error("key '" + key + "' occurs more than once");
            }
            p.skipOws();
            if (p.atEnd()) {
                break;
            }
            p.expect(',', "',' between dictionary members");
            p.skipOws();
            if (p.atEnd()) {
                throw p.error("trailing comma");
            }
        }
        p.skipSp();
        if (!p.atEnd()) {
            throw p.error("unexpected '" + p.peek() + "'");
        }
        return new Dictionary(members);
    }

    private static int indexOf(List<DictionaryMember> members, String key) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    static boolean isKey(String s) {
        if (s == null || s.isEmpty() || !(isLcalpha(s.charAt(0)) || s.charAt(0) == '*')) {
            return false;
        }
        return s.chars().allMatch(StructuredFields::isKeyChar);
    }

    static boolean isToken(String s) {
        if (s == null || s.isEmpty() || !(isAlpha(s.charAt(0)) || s.charAt(0) == '*')) {
            return false;
        }
        return s.chars().allMatch(c -> isTchar(c) || c == ':' || c == '/');
    }

    private static boolean isKeyChar(int c) {
        return isLcalpha(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '*';
    }

    private static boolean isLcalpha(int c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isAlpha(int c) {
        return isLcalpha(c) || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** RFC 9110 §5.6.2 tchar. */
    static boolean isTchar(int c) {
        return isAlpha(c) || isDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static final class Parser {
        private final String in;
        private final String field;
        private final Duplicates duplicates;
        private int pos;

        Parser(String in, String field, Duplicates duplicates) {
            this.in = in;
            this.field = field;
            this.duplicates = duplicates;
        }

        FormatException error(String what) {
            return new FormatException(field + " is not a valid structured field: " + what + " at offset " + pos);
        }

        void requireAscii() throws FormatException {
            for (int i = 0; i < in.length(); i++) {
                if (in.charAt(i) > 0x7f) {
                    pos = i;
                    throw error("non-ASCII character");
                }
            }
        }

        boolean atEnd() {
            return pos >= in.length();
        }

        char peek() {
            return atEnd() ? '\0' : in.charAt(pos);
        }

        void skipSp() {
            while (!atEnd() && in.charAt(pos) == ' ') {
                pos++;
            }
        }

        void skipOws() {
            while (!atEnd() && (in.charAt(pos) == ' ' || in.charAt(pos) == '\t')) {
                pos++;
            }
        }

        void expect(char c, String what) throws FormatException {
            if (atEnd() || in.charAt(pos) != c) {
                throw error(atEnd() ? "expected " + what + ", found the end" : "expected " + what + ", found '" + peek() + "'");
            }
            pos++;
        }

        Member parseItemOrInnerList() throws FormatException {
            return peek() == '(' ? parseInnerList() : parseItem();
        }

        InnerList parseInnerList() throws FormatException {
            expect('(', "'('");
            List<Item> items = new ArrayList<>();
            while (!atEnd()) {
                skipSp();
                if (peek() == ')') {
                    pos++;
                    return new InnerList(items, parseParameters());
                }
                items.add(parseItem());
                if (peek() != ' ' && peek() != ')') {
                    throw error(atEnd() ? "inner list is not closed" : "expected ' ' or ')' in inner list, found '" + peek() + "'");
                }
            }
            throw error("inner list is not closed");
        }

        Item parseItem() throws FormatException {
            BareItem value = parseBareItem();
            return new Item(value, parseParameters());
        }

        BareItem parseBareItem() throws FormatException {
            char c = peek();
            if (c == '-' || isDigit(c)) {
                return parseNumber();
            } else if (c == '"') {
                return parseString();
            } else if (isAlpha(c) || c == '*') {
                return parseToken();
            } else if (c == ':') {
                return parseByteSequence();
            } else if (c == '?') {
                return parseBoolean();
            }
            throw error(atEnd() ? "expected an item, found the end" : "unrecognized item type starting with '" + c + "'");
        }

        Parameters parseParameters() throws FormatException {
            List<Parameter> params = new ArrayList<>();
            while (peek() == ';') {
                pos++;
                skipSp();
                String key = parseKey();
                BareItem value = new SfBoolean(true);
                if (peek() == '=') {
                    pos++;
                    value = parseBareItem();
                }
                int existing = -1;
                for (int i = 0; i < params.size(); i++) {
                    if (params.get(i).key().equals(key)) {
                        existing = i;
                    }
                }
                if (existing < 0) {
                    params.add(new Parameter(key, value));
                } else if (duplicates == Duplicates.LAST_WINS) {
                    params.set(existing, new Parameter(key, value));
                } else {
                    throw error("parameter '" + key + "' occurs more than once");
                }
            }
            return new Parameters(params);
        }

        String parseKey() throws FormatException {
            char c = peek();
            if (!isLcalpha(c) && c != '*') {
                throw error(atEnd() ? "expected a key, found the end" : "a key must start with a-z or '*', found '" + c + "'");
            }
            int start = pos;
            while (!atEnd() && isKeyChar(in.charAt(pos))) {
                pos++;
            }
            return in.substring(start, pos);
        }

        BareItem parseNumber() throws FormatException {
            int start = pos;
            boolean negative = false;
            if (peek() == '-') {
                negative = true;
                pos++;
            }
            if (atEnd()) {
                throw error("empty integer");
            }
            if (!isDigit(peek())) {
                throw error("expected a digit, found '" + peek() + "'");
            }
            StringBuilder digits = new StringBuilder();
            boolean decimal = false;
            while (!atEnd()) {
                char c = in.charAt(pos);
                if (isDigit(c)) {
                    digits.append(c);
                    pos++;
                } else if (!decimal && c == '.') {
                    if (digits.length() > 12) {
                        pos = start;
                        throw error("decimal has more than 12 integer digits");
                    }
                    digits.append(c);
                    decimal = true;
                    pos++;
                } else {
                    break;
                }
                if (!decimal && digits.length() > 15) {
                    pos = start;
                    throw error("integer has more than 15 digits");
                }
                if (decimal && digits.length() > 16) {
                    pos = start;
                    throw error("decimal has too many digits");
                }
            }
            if (!decimal) {
                long v = Long.parseLong(digits.toString());
                return new SfInteger(negative ? -v : v);
            }
            int dot = digits.indexOf(".");
            if (dot == digits.length() - 1) {
                throw error("decimal ends with '.'");
            }
            if (digits.length() - dot - 1 > 3) {
                throw error("decimal has more than 3 fractional digits");
            }
            BigDecimal v = new BigDecimal(digits.toString());
            return new SfDecimal(negative ? v.negate() : v);
        }

        SfString parseString() throws FormatException {
            expect('"', "'\"'");
            StringBuilder out = new StringBuilder();
            while (!atEnd()) {
                char c = in.charAt(pos++);
                if (c == '\\') {
                    if (atEnd()) {
                        throw error("string ends inside an escape");
                    }
                    char next = in.charAt(pos++);
                    if (next != '"' && next != '\\') {
                        pos--;
                        throw error("only '\"' and '\\' can be escaped in a string, found '\\" + next + "'");
                    }
                    out.append(next);
                } else if (c == '"') {
                    return new SfString(out.toString());
                } else if (c < 0x20 || c > 0x7e) {
                    pos--;
                    throw error("string holds a control character 0x" + Integer.toHexString(c));
                } else {
                    out.append(c);
                }
            }
            throw error("string is not closed");
        }

        SfToken parseToken() {
            int start = pos;
            pos++;
            while (!atEnd() && (isTchar(in.charAt(pos)) || in.charAt(pos) == ':' || in.charAt(pos) == '/')) {
                pos++;
            }
            return new SfToken(in.substring(start, pos));
        }

        SfByteSequence parseByteSequence() throws FormatException {
            expect(':', "':'");
            int end = in.indexOf(':', pos);
            if (end < 0) {
                throw error("byte sequence is not closed with ':'");
            }
            String b64 = in.substring(pos, end);
            for (int i = 0; i < b64.length(); i++) {
                char c = b64.charAt(i);
                if (!isAlpha(c) && !isDigit(c) && c != '+' && c != '/' && c != '=') {
                    pos += i;
                    throw error("byte sequence holds '" + c + "', outside the base64 alphabet");
                }
            }
            byte[] bytes;
            try {
                // The JDK decoder synthesizes missing padding and ignores non-zero pad bits: the
                // leniency RFC 8941 §4.2.7 asks of parsers.
                bytes = Base64.getDecoder().decode(b64);
            } catch (IllegalArgumentException e) {
                throw error("byte sequence is not valid base64 (" + e.getMessage() + ")");
            }
            pos = end + 1;
            return new SfByteSequence(bytes);
        }

        SfBoolean parseBoolean() throws FormatException {
            expect('?', "'?'");
            char c = peek();
            if (c == '1' || c == '0') {
                pos++;
                return new SfBoolean(c == '1');
            }
            throw error("a boolean is ?0 or ?1");
        }
    }
}
