package org.computegov.registry.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class NameNormalizerTest {
    private static List<String> tokens(String s) {
        return NameNormalizer.normalize(s).tokens();
    }

    @Test
    void foldsCasePunctuationAndDiacritics() {
        assertThat(tokens("Müller-Lüdenscheidt, Søren")).containsExactly("muller", "ludenscheidt", "soren");
        assertThat(tokens("Łódź Straße Æther Œuvre ĐORĐE Þór ıstanbul")).containsExactly("lodz", "strasse", "aether", "oeuvre", "dorde", "thor", "istanbul");
        assertThat(tokens("Fathi Mohammed QAR'AWI")).containsExactly("fathi", "mohammed", "qarawi");
        assertThat(tokens("RIM, Ryong-Nam")).containsExactly("rim", "ryong", "nam");
        assertThat(tokens("A.B.C. Trading")).containsExactly("abc", "trading");
    }

    @Test
    void transliteratesCyrillicAndGreekAndFlagsOtherScripts() {
        assertThat(tokens("ООО Зорбалинк Трейдинг")).containsExactly("zorbalink", "treyding");
        assertThat(tokens("Щукин Юрий Ёлкин")).containsExactly("shchukin", "yuriy", "elkin");
        assertThat(tokens("Україна Ґанок")).containsExactly("ukrayina", "ganok");
        assertThat(tokens("Ωμέγα Ονειροπόλος")).containsExactly("omega", "oneiropolos");
        assertThat(NameNormalizer.normalize("Зорбалинк").untransliterated()).isFalse();
        assertThat(NameNormalizer.normalize("شركة النفط").untransliterated()).isTrue();
        assertThat(NameNormalizer.hasUntransliteratedScript("北京 Technology")).isTrue();
        assertThat(NameNormalizer.hasUntransliteratedScript("Łódź")).isFalse();
    }

    @Test
    void removesLegalForms() {
        for (String form : List.of("LLC", "Ltd", "Ltd.", "Co.", "Co. Ltd", "Co., Ltd.", "Inc", "Inc.", "GmbH", "JSC", "OOO", "LLP", "SA",
                "S.A.", "AG", "PLC", "Corporation", "Company", "Limited", "Limited Liability Company", "PJSC", "S.A.R.L.",
                "Sdn Bhd", "Aktsionernoe Obshchestvo")) {
            assertThat(tokens("Zorblat Quantum " + form)).as(form).containsExactly("zorblat", "quantum");
            assertThat(tokens(form + " Zorblat Quantum")).as(form).containsExactly("zorblat", "quantum");
        }
        assertThat(tokens("Zorblat Quantum Compnay Limtied")).containsExactly("zorblat", "quantum");
        // a name that is nothing but legal forms keeps them
        assertThat(tokens("The Company Limited")).containsExactly("company", "limited");
        assertThat(NameNormalizer.isOnlyLegalForm("(Pty) Ltd")).isTrue();
        assertThat(NameNormalizer.isOnlyLegalForm("AASPT")).isFalse();
    }

    @Test
    void cutsCslSuccessorSuffixes() {
        assertThat(tokens("Sinobright Import and Export Company; and any successor, sub-unit, or subsidiary thereof"))
                .containsExactly("sinobright", "import", "export");
        assertThat(tokens("Zorblat Holdings, including all subsidiaries")).containsExactly("zorblat", "holdings");
    }

    @Test
    void expandsAbbreviationsAndAmpersand() {
        assertThat(tokens("Zorblat Int'l Mfg & Trdg Co")).containsExactly("zorblat", "international", "manufacturing", "trading");
        assertThat(NameNormalizer.normalize("Zorblat Intl Tech Centre").sortedKey())
                .isEqualTo(NameNormalizer.normalize("Zorblat International Technology Center").sortedKey());
    }

    @Test
    void blankGivesNoTokens() {
        assertThat(NameNormalizer.normalize(null).isEmpty()).isTrue();
        assertThat(NameNormalizer.normalize("  ,. ").isEmpty()).isTrue();
    }

    @Property(tries = 200)
    void wordOrderDoesNotMatter(@ForAll("names") List<String> words) {
        List<String> shuffled = new ArrayList<>(words);
        Collections.reverse(shuffled);
        assertThat(NameNormalizer.normalize(String.join(" ", shuffled)).sortedKey())
                .isEqualTo(NameNormalizer.normalize(String.join(" ", words)).sortedKey());
    }

    @Property(tries = 200)
    void legalFormsAndCaseDoNotMatter(@ForAll("names") List<String> words, @ForAll("forms") String form) {
        String name = String.join(" ", words);
        assertThat(NameNormalizer.normalize(name.toUpperCase(java.util.Locale.ROOT) + ", " + form).tokens())
                .isEqualTo(NameNormalizer.normalize(name).tokens());
    }

    @Property(tries = 200)
    void tokensAreLowerCaseLatinLettersAndDigits(@ForAll("anyText") String s) {
        NormalizedName n = NameNormalizer.normalize(s);
        if (!n.untransliterated()) {
            assertThat(n.tokens()).allSatisfy(t -> assertThat(t).matches("[a-z0-9]+"));
        }
        assertThat(NameNormalizer.normalize(String.join(" ", n.tokens())).tokens()).isEqualTo(n.tokens());
    }

    @Provide
    Arbitrary<List<String>> names() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(5).ofMaxLength(10)
                .map(w -> "Q" + w).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<String> forms() {
        return Arbitraries.of("LLC", "Ltd.", "Co., Ltd.", "GmbH", "JSC", "OOO", "S.A.", "AG", "PLC", "Corporation", "Inc.");
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withChars("àéîõüçłøßÆ .,-'&()")
                .withCharRange('а', 'я').withCharRange('α', 'ω').ofMaxLength(40);
    }
}
