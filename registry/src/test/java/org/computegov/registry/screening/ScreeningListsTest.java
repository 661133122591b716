package org.computegov.registry.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScreeningListsTest {
    private static final String HEADER = String.join(",", SyntheticLists.CSL_HEADER);

    private static ScreeningList csl(String text) throws ListFormatException {
        return ScreeningLists.loadCsl(text.getBytes(StandardCharsets.UTF_8), "test.csv");
    }

    @Test
    void readsTheCslSampleWithItsMultiValuedFields() throws Exception {
        ScreeningList l = TestLists.csl();
        assertThat(l.size()).isEqualTo(13);
        assertThat(l.version().entryCount()).isEqualTo(13);
        ListEntry sme = l.entries().stream().filter(e -> e.name().equals("SME BANK")).findFirst().orElseThrow();
        assertThat(sme.entityNumber()).isEqualTo("18283");
        assertThat(sme.sourceCode()).isEqualTo("SSI");
        assertThat(sme.altNames()).hasSize(5).contains("JSC SME BANK", "MSP BANK AO");
        assertThat(sme.countries()).containsExactly("RU");
        assertThat(sme.programs()).containsExactly("UKRAINE-EO13662");
        assertThat(sme.ids()).contains("SWIFT/BIC, RUDVRUMM");
        ListEntry cetc = l.entries().stream().filter(e -> e.name().startsWith("China Electronics")).findFirst().orElseThrow();
        // "; and 21 Changsheng Street" and "; and CETC Research Institute 13": the leading "and" is a list word, not a name
        assertThat(cetc.altNames()).contains("CETC Research Institute 13", "HSRI");
        assertThat(cetc.addresses()).hasSize(3).allSatisfy(a -> assertThat(a).doesNotStartWith("and "));
        assertThat(cetc.countries()).containsExactly("CN");
        ListEntry rim = l.entries().stream().filter(e -> e.name().equals("RIM, Ryong Nam")).findFirst().orElseThrow();
        assertThat(rim.countries()).containsExactly("CN", "KP");
    }

    @Test
    void mapsColumnsByNameInAnyOrderAndReadsQuotedFields() throws Exception {
        String text = "Alt_Names,NAME,source,addresses,entity_number\n"
                + "\"Foo \"\"Bar\"\" Ltd; Baz, Inc.\",\"Quux, Trading\nCo.\",Test List (TL),\"1 Road, Town, IR\",7\n";
        ScreeningList l = csl(text);
        ListEntry e = l.entries().get(0);
        assertThat(e.name()).isEqualTo("Quux, Trading\nCo.");
        assertThat(e.altNames()).containsExactly("Foo \"Bar\" Ltd", "Baz, Inc.");
        assertThat(e.countries()).containsExactly("IR");
        assertThat(e.key()).isEqualTo("TL:7");
    }

    @Test
    void toleratesBomAndTrailingControlCharacter() throws Exception {
        String text = "\uFEFF" + HEADER + "\n" + row("Zeta Fictional Works") + "\r\n\u001A";
        assertThat(csl(text).entries()).extracting(ListEntry::name).containsExactly("Zeta Fictional Works");
    }

    @Test
    void versionIsTheSha256OfTheBytes() throws Exception {
        byte[] b = (HEADER + "\n" + row("Zeta Fictional Works") + "\n").getBytes(StandardCharsets.UTF_8);
        ScreeningList a = ScreeningLists.loadCsl(b, "a");
        ScreeningList again = ScreeningLists.loadCsl(b, "b");
        ScreeningList other = ScreeningLists.loadCsl((HEADER + "\n" + row("Eta Fictional Works") + "\n").getBytes(StandardCharsets.UTF_8), "c");
        assertThat(a.version().sha256()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(b)));
        assertThat(a.version().sameContentAs(again.version())).isTrue();
        assertThat(a.version().sameContentAs(other.version())).isFalse();
        assertThat(a.version().entryCount()).isEqualTo(1);
    }

    @Test
    void missingNameColumnNamesTheLine() {
        assertThatThrownBy(() -> csl("source,alt_names\nX,Y\n"))
                .isInstanceOf(ListFormatException.class)
                .hasMessageContaining("test.csv line 1")
                .hasMessageContaining("no \"name\" column")
                .satisfies(e -> assertThat(((ListFormatException) e).line()).isEqualTo(1));
    }

    @Test
    void aStrayQuoteIsAnErrorWithItsLine() throws Exception {
        // Issue 12: Commons CSV takes a quote inside an unquoted field literally; the README calls it an error.
        String good = HEADER + "\n" + row("Good One") + "\n";
        assertThatThrownBy(() -> csl(good + row("Acme \"Intl Ltd") + "\n" + row("Good Two") + "\n"))
                .isInstanceOf(ListFormatException.class).hasMessageContaining("line 3: not valid CSV");
        assertThatThrownBy(() -> csl("name,source\nok,x\nab\"c,d\n")).isInstanceOf(ListFormatException.class)
                .hasMessageContaining("line 3").hasMessageContaining("quote inside a field");
        assertThatThrownBy(() -> csl("name,source\n\"a\" ,b\n")).hasMessageContaining("line 2")
                .hasMessageContaining("after its closing quote");
        // Quotes where RFC 4180 puts them are fine: around a field, doubled inside it, around a line break.
        assertThat(csl("name,source\n\"Acme \"\"Intl\"\", Ltd\",\"x\ny\"\n\"Beta\",z\n").entries())
                .extracting(ListEntry::name).containsExactly("Acme \"Intl\", Ltd", "Beta");
    }

    @Test
    void wrongFieldCountNamesTheLine() {
        String text = HEADER + "\n" + row("Good One") + "\n" + row("Good Two") + "\n\"x\",\"y\"\n";
        assertThatThrownBy(() -> csl(text)).isInstanceOf(ListFormatException.class)
                .hasMessageContaining("line 4").hasMessageContaining("2 fields, the header has 29");
    }

    @Test
    void emptyNameDuplicateColumnBrokenQuoteAndControlCharactersAreErrors() {
        assertThatThrownBy(() -> csl(HEADER + "\n" + row("") + "\n")).hasMessageContaining("line 2: empty name");
        assertThatThrownBy(() -> csl("name,Name\na,b\n")).hasMessageContaining("line 1").hasMessageContaining("appears twice");
        assertThatThrownBy(() -> csl("name,source\n\"a\"b,c\n")).isInstanceOf(ListFormatException.class).hasMessageContaining("line 2: not valid CSV");
        assertThatThrownBy(() -> csl("name,source\na\u0007,b\nc,d\n")).hasMessageContaining("line 2: control character U+0007");
        assertThatThrownBy(() -> csl("")).hasMessageContaining("empty file");
        assertThatThrownBy(() -> ScreeningLists.loadCsl(new byte[]{'n', 'a', 'm', 'e', '\n', (byte) 0xC3, '(', '\n'}, "bin.csv"))
                .hasMessageContaining("bin.csv line 2: not UTF-8");
    }

    @Test
    void readsTheOfacLegacyFilesIntoTheSameModel() {
        ScreeningList l = TestLists.sdn();
        assertThat(l.size()).isEqualTo(8976);
        assertThat(l.version().sourceDescription()).contains("ofac_alt.csv").contains("ofac_add.csv");
        ListEntry bnc = l.entries().stream().filter(e -> e.entityNumber().equals("306")).findFirst().orElseThrow();
        assertThat(bnc.source()).isEqualTo("SDN");
        assertThat(bnc.sourceCode()).isEqualTo("SDN");
        assertThat(bnc.name()).isEqualTo("BANCO NACIONAL DE CUBA");
        assertThat(bnc.type()).isEqualTo("Entity");
        assertThat(bnc.programs()).containsExactly("CUBA");
        assertThat(bnc.altNames()).contains("NATIONAL BANK OF CUBA");
        assertThat(bnc.addresses()).contains("Zweierstrasse 35, Zurich CH-8022, Switzerland");
        assertThat(bnc.countries()).contains("CH", "ES", "JP");
        assertThat(bnc.remarks()).isEqualTo("a.k.a. 'BNC'.");
        assertThat(l.entries()).allSatisfy(e -> {
            assertThat(e.name()).isNotBlank().doesNotContain("-0-");
            assertThat(e.altNames()).noneMatch(a -> a.contains("-0-"));
        });
        assertThat(l.entries().stream().filter(e -> e.programs().size() > 1)).isNotEmpty();
        assertThat(l.entries().stream().filter(e -> e.type().equals("Individual"))).hasSizeGreaterThan(1000);
    }

    @Test
    void ofacErrorsNameFileAndLine() {
        byte[] sdn = "1,\"A\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n2,\"B\",-0- \n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> ScreeningLists.loadOfac(sdn, null, null, "sdn.csv", "alt.csv", "add.csv", "t"))
                .isInstanceOf(ListFormatException.class).hasMessageContaining("sdn.csv line 2: 3 fields, expected 12");
        byte[] bad = "x1,\"A\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> ScreeningLists.loadOfac(bad, null, null, "sdn.csv", "alt.csv", "add.csv", "t"))
                .hasMessageContaining("line 1: ent_num \"x1\" is not a number");
        byte[] good = "1,\"A\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n\u001A".getBytes(StandardCharsets.US_ASCII);
        byte[] alt = "1,1,\"aka\"\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> ScreeningLists.loadOfac(good, alt, null, "sdn.csv", "alt.csv", "add.csv", "t"))
                .hasMessageContaining("alt.csv line 1: 3 fields, expected 5");
    }

    @Test
    void loadTellsTheFormatAndFindsOfacSiblings(@TempDir Path dir) throws IOException, ListFormatException {
        Path d = TestLists.dataDir();
        for (String f : List.of("ofac_sdn.csv", "ofac_alt.csv")) Files.copy(d.resolve(f), dir.resolve(f.replace("ofac_", "").toUpperCase()));
        ScreeningList sdnAlt = ScreeningLists.load(dir.resolve("SDN.CSV"));
        assertThat(sdnAlt.size()).isEqualTo(8976);
        assertThat(sdnAlt.entries().stream().filter(e -> !e.altNames().isEmpty())).isNotEmpty();
        assertThat(sdnAlt.entries()).allSatisfy(e -> assertThat(e.addresses()).isEmpty());
        assertThat(sdnAlt.version().sha256()).isNotEqualTo(TestLists.sdn().version().sha256());
        assertThat(ScreeningLists.load(d.resolve("csl_sample.csv")).size()).isEqualTo(13);
        Path noName = Files.writeString(dir.resolve("x.csv"), "source,alt_names\nA,B\n");
        assertThatThrownBy(() -> ScreeningLists.load(noName)).isInstanceOf(ListFormatException.class).hasMessageContaining("line 1");
    }

    @Test
    void bundledSyntheticListIsFictitiousAndWellFormed() {
        ScreeningList l = ScreeningLists.synthetic();
        assertThat(l.size()).isEqualTo(200);
        assertThat(l.entries()).allSatisfy(e -> {
            assertThat(e.remarks()).startsWith("FICTITIOUS");
            assertThat(e.source()).startsWith("Synthetic");
            assertThat(e.countries()).hasSize(1);
        });
        assertThat(l.entries()).extracting(ListEntry::key).doesNotHaveDuplicates();
    }

    @Test
    void mergedVersionChangesWithAnyPart() throws Exception {
        ScreeningList a = csl(HEADER + "\n" + row("Alpha Fictional") + "\n");
        ScreeningList b = csl(HEADER + "\n" + row("Beta Fictional") + "\n");
        ScreeningList c = csl(HEADER + "\n" + row("Gamma Fictional") + "\n");
        ScreeningList ab = ScreeningList.merge(List.of(a, b));
        assertThat(ab.size()).isEqualTo(2);
        assertThat(ab.version().sha256()).isNotEqualTo(ScreeningList.merge(List.of(a, c)).version().sha256())
                .isEqualTo(ScreeningList.merge(List.of(a, b)).version().sha256());
    }

    @Test
    void countriesFromCodesAndNames() {
        assertThat(Countries.toIso2("cn")).isEqualTo("CN");
        assertThat(Countries.toIso2("Korea, North")).isEqualTo("KP");
        assertThat(Countries.toIso2("Burma")).isEqualTo("MM");
        assertThat(Countries.toIso2("United Kingdom")).isEqualTo("GB");
        assertThat(Countries.toIso2("Côte d'Ivoire")).isEqualTo("CI");
        assertThat(Countries.toIso2("Region: Crimea")).isNull();
        assertThat(Countries.toIso2(" ")).isNull();
    }

    static String row(String name) {
        String[] f = new String[SyntheticLists.CSL_HEADER.length];
        java.util.Arrays.fill(f, "\"\"");
        f[1] = "\"Test List (TL)\"";
        f[5] = "\"" + name + "\"";
        return String.join(",", f);
    }
}
