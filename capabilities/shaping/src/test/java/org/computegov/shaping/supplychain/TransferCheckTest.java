package org.computegov.shaping.supplychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.export.ExportClassifier;
import org.computegov.knowledge.export.ExportRules;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransferCheckTest {
    static final TransferCheck CHECK = new TransferCheck(HardwareCatalog.builtIn(),
            new ExportClassifier(ExportRules.builtIn()), DestinationPolicy.builtIn());
    static final LocalDate DAY = LocalDate.of(2026, 3, 1);

    @Test
    void controlledChipsToARestrictedDestinationAreBlockedWithTheReason() throws Exception {
        TransferDecision d = CHECK.check("H100", 512, "cn", DAY);
        assertThat(d.action()).isEqualTo(TransferAction.BLOCK);
        assertThat(d.classification()).isEqualTo("3A090.a.1");
        assertThat(d.destination()).isEqualTo("CN");
        assertThat(d.reason()).contains("NVIDIA H100 SXM5 80GB is 3A090.a.1 on 2026-03-01", "presumption of denial",
                "742.6(a)(6)(iii)");
        assertThat(d.source()).startsWith("https://www.federalregister.gov/");
    }

    @ParameterizedTest(name = "{0} to {1} on {2}: {3}")
    @CsvSource({
            "H100, AE, 2026-03-01, FLAG, licence required",
            "H100, DE, 2026-03-01, ALLOW, no 3A090 licence requirement",
            "H20, CN, 2026-03-01, ALLOW, no rule",           // not covered by 3A090: no CN row applies
            "H20, IR, 2026-03-01, BLOCK, embargoed",         // every item is refused for an embargoed destination
            "RTX 4090, RU, 2026-03-01, BLOCK, 746.8",
            "A100, CN, 2021-01-01, ALLOW, no rule",          // before the Oct 2022 rule: not covered
            "A100, CN, 2023-01-01, BLOCK, presumption of denial", // under the Oct 2022 rule
            "A100, HK, 2026-03-01, BLOCK, treated as China",
    })
    void destinationsAndDates(String chip, String country, String date, TransferAction expected, String because)
            throws Exception {
        TransferDecision d = CHECK.check(chip, 8, country, LocalDate.parse(date));
        assertThat(d.action()).isEqualTo(expected);
        assertThat(d.reason()).contains(because);
    }

    @Test
    void anIndeterminateChipIsFlaggedNotBlockedAndSaysWhatDecides(@TempDir Path dir) throws Exception {
        // TPP 375 × 8 = 3000 with no die area: 3A090.a.2, .b.1 or not covered depending on the area.
        Path file = dir.resolve("chips.csv");
        Files.writeString(file, "name,vendor,marketed_datacenter,fp8_tflops_dense\nMystery X1,Acme,True,375\n");
        TransferCheck check = new TransferCheck(HardwareCatalog.builtInWith(file),
                new ExportClassifier(ExportRules.builtIn()), DestinationPolicy.builtIn());
        TransferDecision d = check.check("Mystery X1", 100, "CN", DAY);
        assertThat(d.classification()).isEqualTo("indeterminate");
        assertThat(d.action()).isEqualTo(TransferAction.FLAG);
        assertThat(d.reason()).contains("indeterminate", "die area", "if it is controlled");
    }

    @Test
    void badInputAndBadPolicyFiles(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> CHECK.check("H100", 1, "China", DAY)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ISO 3166-1 alpha-2");
        assertThatThrownBy(() -> CHECK.check("H100", 0, "CN", DAY)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> CHECK.check("H1OO", 1, "CN", DAY)).isInstanceOf(InvalidInputException.class);
        Path bad = dir.resolve("policy.csv");
        Files.writeString(bad, "country,name,groups,applies_to,action,reason,source\nCN,China,D:5,3A090,deny,x,y\n");
        assertThatThrownBy(() -> DestinationPolicy.fromFile(bad)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 2").hasMessageContaining("allow, flag or block");
        // A regulator's own file replaces the built-in one: here everything controlled is blocked everywhere.
        Path strict = dir.resolve("strict.csv");
        Files.writeString(strict, "country,name,groups,applies_to,action,reason,source\n*,anywhere,,3A090,block,no exports of controlled chips,policy memo 7\n");
        TransferDecision d = new TransferCheck(HardwareCatalog.builtIn(), new ExportClassifier(ExportRules.builtIn()),
                DestinationPolicy.fromFile(strict)).check("H100", 1, "DE", DAY);
        assertThat(d.action()).isEqualTo(TransferAction.BLOCK);
        assertThat(d.reason()).contains("no exports of controlled chips");
    }
}
