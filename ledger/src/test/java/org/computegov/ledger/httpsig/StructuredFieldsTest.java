package org.computegov.ledger.httpsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.httpsig.StructuredFields.BareItem;
import org.computegov.ledger.httpsig.StructuredFields.Dictionary;
import org.computegov.ledger.httpsig.StructuredFields.DictionaryMember;
import org.computegov.ledger.httpsig.StructuredFields.Duplicates;
import org.computegov.ledger.httpsig.StructuredFields.InnerList;
import org.computegov.ledger.httpsig.StructuredFields.Item;
import org.computegov.ledger.httpsig.StructuredFields.Member;
import org.computegov.ledger.httpsig.StructuredFields.Parameter;
import org.computegov.ledger.httpsig.StructuredFields.Parameters;
import org.computegov.ledger.httpsig.StructuredFields.SfBoolean;
import org.computegov.ledger.httpsig.StructuredFields.SfByteSequence;
import org.computegov.ledger.httpsig.StructuredFields.SfDecimal;
import org.computegov.ledger.httpsig.StructuredFields.SfInteger;
import org.computegov.ledger.httpsig.StructuredFields.SfString;
import org.computegov.ledger.httpsig.StructuredFields.SfToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8941 Dictionaries: the specification's examples, and the edge cases of its §4.2 parsing algorithm. */
class StructuredFieldsTest {
    private static Dictionary parse(String value) throws FormatException {
        return StructuredFields.parseDictionary(value, "Example-Dict", Duplicates.LAST_WINS);
    }

    private static BareItem item(String value, String key) throws FormatException {
        return ((Item) parse(value).get(key).orElseThrow()).value();
    }

    private static String reserialize(String value) throws FormatException {
        return StructuredFields.serialize(parse(value));
    }

    @Test
    void rfcDictionaryExamples() throws Exception {
        // RFC 8941 §3.2.
        Dictionary d = parse("en=\"Applepie\", da=:w4ZibGV0w6ZydGU=:");
        assertThat(d.keys()).containsExactly("en", "da");
        assertThat(item("en=\"Applepie\", da=:w4ZibGV0w6ZydGU=:", "en")).isEqualTo(new SfString("Applepie"));
        assertThat(item("en=\"Applepie\", da=:w4ZibGV0w6ZydGU=:", "da"))
                .isEqualTo(new SfByteSequence("\u00c6blet\u00e6rte".getBytes(StandardCharsets.UTF_8)));

        Dictionary booleans = parse("a=?0, b, c; foo=bar");
        assertThat(((Item) booleans.get("a").orElseThrow()).value()).isEqualTo(new SfBoolean(false));
        assertThat(booleans.get("b").orElseThrow()).isEqualTo(new Item(new SfBoolean(true), Parameters.NONE));
        assertThat(booleans.get("c").orElseThrow()).isEqualTo(new Item(new SfBoolean(true),
                new Parameters(List.of(new Parameter("foo", new SfToken("bar"))))));
        assertThat(StructuredFields.serialize(booleans)).isEqualTo("a=?0, b, c;foo=bar"); // true is left out

        assertThat(item("rating=1.5, feelings=(joy sadness)", "rating")).isEqualTo(new SfDecimal(new BigDecimal("1.5")));
        assertThat(parse("rating=1.5, feelings=(joy sadness)").get("feelings").orElseThrow()).isEqualTo(
                new InnerList(List.of(new Item(new SfToken("joy"), Parameters.NONE), new Item(new SfToken("sadness"),
                        Parameters.NONE)), Parameters.NONE));

        String mixed = "a=(1 2), b=3, c=4;aa=bb, d=(5 6);valid";
        assertThat(reserialize(mixed)).isEqualTo(mixed);
        assertThat(parse(mixed).get("d").orElseThrow().parameters().get("valid")).contains(new SfBoolean(true));
    }

    @Test
    void emptyFieldIsAnEmptyDictionary() throws Exception {
        assertThat(parse("").members()).isEmpty();
        assertThat(parse("   ").members()).isEmpty();
    }

    @Test
    void whitespaceRules() throws Exception {
        // Leading and trailing SP of the field and OWS (SP or HTAB) around commas are allowed ...
        assertThat(reserialize("  a=1 ,\tb=2\t,  c=3  ")).isEqualTo("a=1, b=2, c=3");
        // ... SP after ';' and inside inner lists too ...
        assertThat(reserialize("a=( 1   2 );  x=1")).isEqualTo("a=(1 2);x=1");
        // ... but not elsewhere.
        assertThatThrownBy(() -> parse("\ta=1")).hasMessageContaining("a key must start with");
        assertThatThrownBy(() -> parse("a=1 ;x")).hasMessageContaining("expected ',' between dictionary members");
        assertThatThrownBy(() -> parse("a =1")).hasMessageContaining("expected ','");
        assertThatThrownBy(() -> parse("a= 1")).hasMessageContaining("unrecognized item type");
        assertThatThrownBy(() -> parse("a=(1\t2)")).hasMessageContaining("expected ' ' or ')'");
        assertThatThrownBy(() -> parse("a=(1)x")).hasMessageContaining("expected ','");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=1,", "a=1, ", "a=1,,b=2", ",a=1", "a=1 b=2", "a=(1 2", "a=(1 2", "a=(\"x\"\"y\")"})
    void malformedListsAndMembersFail(String value) {
        assertThatThrownBy(() -> parse(value)).isInstanceOf(FormatException.class).hasMessageContaining("Example-Dict");
    }

    @Test
    void keys() throws Exception {
        assertThat(parse("*a.b-c_d*9=1").keys()).containsExactly("*a.b-c_d*9");
        assertThatThrownBy(() -> parse("A=1")).hasMessageContaining("a key must start with a-z or '*', found 'A'");
        assertThatThrownBy(() -> parse("1a=1")).hasMessageContaining("a key must start with");
        assertThatThrownBy(() -> parse("aB=1")).hasMessageContaining("expected ','"); // uppercase ends the key
        assertThatThrownBy(() -> parse("a=1;B=2")).hasMessageContaining("a key must start with");
    }

    @Test
    void duplicateKeysLastWinsAtTheFirstPositionOrAreRejected() throws Exception {
        assertThat(reserialize("a=1, b=2, a=3")).isEqualTo("a=3, b=2");
        assertThat(reserialize("a=1;x=1;y=2;x=3")).isEqualTo("a=1;x=3;y=2");
        assertThatThrownBy(() -> StructuredFields.parseDictionary("a=1, b=2, a=3", "Signature", Duplicates.REJECT))
                .hasMessageContaining("key 'a' occurs more than once");
        assertThatThrownBy(() -> StructuredFields.parseDictionary("a=1;x;x", "Signature", Duplicates.REJECT))
                .hasMessageContaining("parameter 'x' occurs more than once");
    }

    @Test
    void integers() throws Exception {
        assertThat(item("a=999999999999999", "a")).isEqualTo(new SfInteger(999_999_999_999_999L));
        assertThat(item("a=-999999999999999", "a")).isEqualTo(new SfInteger(-999_999_999_999_999L));
        assertThat(item("a=007", "a")).isEqualTo(new SfInteger(7)); // leading zeros parse, are not kept
        assertThat(item("a=-0", "a")).isEqualTo(new SfInteger(0));
        assertThatThrownBy(() -> parse("a=1000000000000000")).hasMessageContaining("more than 15 digits");
        assertThatThrownBy(() -> parse("a=-")).hasMessageContaining("empty integer");
        assertThatThrownBy(() -> parse("a=-x")).hasMessageContaining("expected a digit");
        assertThatThrownBy(() -> parse("a=1e3")).hasMessageContaining("expected ','");
        assertThatThrownBy(() -> new SfInteger(1_000_000_000_000_000L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decimals() throws Exception {
        assertThat(item("a=123456789012.123", "a")).isEqualTo(new SfDecimal(new BigDecimal("123456789012.123")));
        assertThat(item("a=-0.5", "a")).isEqualTo(new SfDecimal(new BigDecimal("-0.5")));
        assertThatThrownBy(() -> parse("a=1234567890123.1")).hasMessageContaining("more than 12 integer digits");
        assertThatThrownBy(() -> parse("a=1.2345")).hasMessageContaining("more than 3 fractional digits");
        assertThatThrownBy(() -> parse("a=1.")).hasMessageContaining("ends with '.'");
        assertThatThrownBy(() -> parse("a=1.2.3")).hasMessageContaining("expected ','");
        // Serialization: at most three fractional digits, rounding half to even; at least one.
        assertThat(StructuredFields.serialize(new SfDecimal(new BigDecimal("1.0005")))).isEqualTo("1.0");
        assertThat(StructuredFields.serialize(new SfDecimal(new BigDecimal("1.0015")))).isEqualTo("1.002");
        assertThat(StructuredFields.serialize(new SfDecimal(new BigDecimal("2")))).isEqualTo("2.0");
        assertThat(StructuredFields.serialize(new SfDecimal(new BigDecimal("-10.250")))).isEqualTo("-10.25");
        assertThatThrownBy(() -> StructuredFields.serialize(new SfDecimal(new BigDecimal("1000000000000"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void strings() throws Exception {
        assertThat(item("a=\"say \\\"hi\\\" \\\\ bye\"", "a")).isEqualTo(new SfString("say \"hi\" \\ bye"));
        assertThat(StructuredFields.serialize(new SfString("say \"hi\" \\ bye"))).isEqualTo("\"say \\\"hi\\\" \\\\ bye\"");
        assertThat(item("a=\"\"", "a")).isEqualTo(new SfString(""));
        assertThatThrownBy(() -> parse("a=\"\\n\"")).hasMessageContaining("only '\"' and '\\' can be escaped");
        assertThatThrownBy(() -> parse("a=\"open")).hasMessageContaining("string is not closed");
        assertThatThrownBy(() -> parse("a=\"x\\")).hasMessageContaining("inside an escape");
        assertThatThrownBy(() -> parse("a=\"tab\there\"")).hasMessageContaining("control character 0x9");
        assertThatThrownBy(() -> parse("a=\"caf\u00e9\"")).hasMessageContaining("non-ASCII character");
        assertThatThrownBy(() -> parse("a='single'")).hasMessageContaining("unrecognized item type");
    }

    @Test
    void tokens() throws Exception {
        assertThat(item("a=foo/bar:baz.1", "a")).isEqualTo(new SfToken("foo/bar:baz.1"));
        assertThat(item("a=*Star", "a")).isEqualTo(new SfToken("*Star"));
        assertThat(item("a=text/html;q=1", "a")).isEqualTo(new SfToken("text/html"));
        assertThatThrownBy(() -> parse("a=foo(bar)")).hasMessageContaining("expected ','");
    }

    @Test
    void byteSequences() throws Exception {
        assertThat(item("a=:aGVsbG8=:", "a")).isEqualTo(new SfByteSequence("hello".getBytes(StandardCharsets.US_ASCII)));
        assertThat(item("a=::", "a")).isEqualTo(new SfByteSequence(new byte[0]));
        // RFC 8941 §4.2.7: parsers SHOULD accept missing padding and non-zero pad bits.
        assertThat(item("a=:aGVsbG8:", "a")).isEqualTo(new SfByteSequence("hello".getBytes(StandardCharsets.US_ASCII)));
        assertThat(item("a=:aGVsbG9=:", "a")).isEqualTo(new SfByteSequence("hello".getBytes(StandardCharsets.US_ASCII)));
        // ... but MUST fail on characters outside the alphabet, base64url included.
        assertThatThrownBy(() -> parse("a=:aGVs bG8=:")).hasMessageContaining("outside the base64 alphabet");
        assertThatThrownBy(() -> parse("a=:-_8=:")).hasMessageContaining("'-', outside the base64 alphabet");
        assertThatThrownBy(() -> parse("a=:aGVsbG8=")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> parse("a=:a:")).hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> parse("a=:aG=Vs:")).hasMessageContaining("not valid base64");
        assertThat(StructuredFields.serialize(new SfByteSequence(new byte[] {(byte) 0xfb, (byte) 0xff})))
                .isEqualTo(":+/8=:"); // standard alphabet, padded
    }

    @Test
    void booleans() throws Exception {
        assertThat(item("a=?1", "a")).isEqualTo(new SfBoolean(true));
        assertThat(item("a=?0", "a")).isEqualTo(new SfBoolean(false));
        assertThat(reserialize("a=?1;x=?1;y=?0")).isEqualTo("a;x;y=?0");
        assertThatThrownBy(() -> parse("a=?2")).hasMessageContaining("a boolean is ?0 or ?1");
        assertThatThrownBy(() -> parse("a=?")).hasMessageContaining("a boolean is ?0 or ?1");
        assertThatThrownBy(() -> parse("a=?true")).hasMessageContaining("a boolean is ?0 or ?1");
    }

    @Test
    void innerListsAndTheirParameters() throws Exception {
        // RFC 8941 §3.1.1's examples, as dictionary members.
        assertThat(reserialize("a=(\"foo\" \"bar\"), b=(\"baz\"), c=(\"bat\" \"one\"), d=()"))
                .isEqualTo("a=(\"foo\" \"bar\"), b=(\"baz\"), c=(\"bat\" \"one\"), d=()");
        assertThat(reserialize("a=(\"foo\"; a=1;b=2);lvl=5, b=(\"bar\" \"baz\");lvl=1"))
                .isEqualTo("a=(\"foo\";a=1;b=2);lvl=5, b=(\"bar\" \"baz\");lvl=1");
        assertThatThrownBy(() -> parse("a=((1))")).hasMessageContaining("unrecognized item type starting with '('");
        assertThatThrownBy(() -> parse("a=(1;)")).hasMessageContaining("a key must start with");
    }

    @Test
    void builtValuesSerializeStrictly() {
        Member m = new InnerList(List.of(new Item(new SfString("@method"), Parameters.NONE),
                new Item(new SfString("example-dict"), new Parameters(List.of(new Parameter("key", new SfString("a")))))),
                new Parameters(List.of(new Parameter("created", new SfInteger(1618884473)))));
        assertThat(StructuredFields.serialize(new Dictionary(List.of(new DictionaryMember("sig1", m)))))
                .isEqualTo("sig1=(\"@method\" \"example-dict\";key=\"a\");created=1618884473");
        assertThatThrownBy(() -> new SfString("line\nbreak")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SfToken("1abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DictionaryMember("Sig", m)).isInstanceOf(IllegalArgumentException.class);
    }
}
