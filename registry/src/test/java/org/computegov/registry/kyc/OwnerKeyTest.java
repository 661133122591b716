package org.computegov.registry.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class OwnerKeyTest {

    private static OwnerKey byName(String name, String country) {
        return OwnerKey.of(new BeneficialOwner(name, country));
    }

    private static OwnerKey byId(String name, String identifier) {
        return OwnerKey.of(new BeneficialOwner(name, "DE", identifier, null));
    }

    @Test
    void spellingsOfOneNameInOneCountryGiveOneKey() {
        OwnerKey key = byName("Müller Holdings GmbH", "DE");
        assertThat(key.value()).isEqualTo("name:holdings muller|DE");
        assertThat(byName("MULLER HOLDINGS", "DE")).isEqualTo(key);
        assertThat(byName("Holdings Müller", "DE")).isEqualTo(key);
        assertThat(byName("müller  holdings g.m.b.h.", "DE")).isEqualTo(key);
        assertThat(byName("Muller Hldgs", "DE")).isEqualTo(key);
    }

    @Test
    void personsNamesIgnoreOrderCaseAndDiacritics() {
        assertThat(byName("José Álvarez", "ES")).isEqualTo(byName("ALVAREZ, Jose", "ES"));
        assertThat(byName("Łukasz Wójcik", "PL")).isEqualTo(byName("Lukasz Wojcik", "PL"));
    }

    @Test
    void differentNamesOrCountriesGiveDifferentKeys() {
        OwnerKey key = byName("Müller Holdings GmbH", "DE");
        assertThat(byName("Müller Holdings GmbH", "AT")).isNotEqualTo(key);
        assertThat(byName("Müller Holding GmbH", "DE")).isNotEqualTo(key);
        assertThat(byName("Mueller Holdings GmbH", "DE")).isNotEqualTo(key); // "ue" is not folded to "u"
        assertThat(byName("Schmidt Holdings GmbH", "DE")).isNotEqualTo(key);
    }

    @Test
    void anIdentifierIsTheKeyWhateverTheName() {
        OwnerKey lei = byId("Nordwind Capital S.à r.l.", "LEI:5493001KJTIIGC8Y1R12");
        assertThat(lei.value()).isEqualTo("LEI:5493001KJTIIGC8Y1R12");
        assertThat(byId("NORDWIND CAPITAL", "lei:5493 001k jtii gc8y 1r12")).isEqualTo(lei);
        assertThat(OwnerKey.of(new BeneficialOwner("Someone else", "LU", "LEI:5493001KJTIIGC8Y1R12",
                new BigDecimal("10")))).isEqualTo(lei);
        assertThat(byId("Anna Müller", "de-passport:c01x 00t47").value()).isEqualTo("DE-PASSPORT:C01X00T47");
    }

    @Test
    void identifiersAndNamesAreDifferentKeys() {
        assertThat(byId("Anna Müller", "DE-PASSPORT:C01X00T47")).isNotEqualTo(byName("Anna Müller", "DE"));
        assertThat(byId("Anna Müller", "DE-PASSPORT:C01X00T47")).isNotEqualTo(byId("Anna Müller", "DE-ID:C01X00T47"));
        assertThat(byId("Anna Müller", "DE-PASSPORT:C01X-00T47")).isNotEqualTo(byId("Anna Müller",
                "DE-PASSPORT:C01X00T47")); // only spaces are removed: '-' may matter in a document number
    }

    @Test
    void anIndividualsOwnKeyIsItsNameAndCountry() {
        assertThat(Customers.individual().owners()).extracting(OwnerKey::of)
                .containsExactly(new OwnerKey("name:li wei|CN"));
    }

    @Test
    void namesWithoutWordsStillGetDistinctKeys() {
        assertThat(byName("+++", "DE")).isNotEqualTo(byName("###", "DE"));
        assertThat(byName("+++", "DE").value()).isEqualTo("name:+++|DE");
    }

    @Test
    void untransliteratedScriptsKeepTheirLetters() {
        assertThat(byName("张伟", "CN").value()).isEqualTo("name:张伟|CN");
        assertThat(byName("张伟", "CN")).isNotEqualTo(byName("Zhang Wei", "CN"));
    }

    @Test
    void aKeyIsNeverBlank() {
        assertThatThrownBy(() -> new OwnerKey(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
