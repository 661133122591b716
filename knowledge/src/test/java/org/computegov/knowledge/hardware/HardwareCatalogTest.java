package org.computegov.knowledge.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.computegov.knowledge.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareCatalogTest {
    private final HardwareCatalog catalog = HardwareCatalog.builtIn();

    @Test
    void shipsEveryReferenceChipWithItsSources() {
        assertThat(catalog.all()).hasSize(33);
        assertThat(catalog.all()).allSatisfy(c -> {
            assertThat(c.sources()).as(c.name()).contains("http");
            assertThat(c.denseTeraOps()).as(c.name()).isNotEmpty();
        });
    }

    @Test
    void readsEveryColumnOfARow() throws Exception {
        Accelerator h100 = catalog.find("NVIDIA H100 SXM5 80GB");
        assertThat(h100.vendor()).isEqualTo("NVIDIA");
        assertThat(h100.year()).isEqualTo(2022);
        assertThat(h100.dataCentre()).isTrue();
        assertThat(h100.denseTeraOps()).containsEntry(Precision.FP64, 34.0).containsEntry(Precision.TF32, 494.7)
                .containsEntry(Precision.FP16, 989.4).containsEntry(Precision.FP8, 1978.9)
                .containsEntry(Precision.INT8, 1978.9).doesNotContainKey(Precision.FP4);
        assertThat(h100.memoryGb()).isEqualTo(80.0);
        assertThat(h100.memoryBandwidthTBps()).isEqualTo(3.35);
        assertThat(h100.dieAreaMm2()).isEqualTo(814.0);
        assertThat(h100.tdpWatts()).isEqualTo(700.0);
        assertThat(h100.interconnectGBps()).isEqualTo(900.0);
        assertThat(catalog.find("B200").denseTeraOps()).containsEntry(Precision.FP4, 9000.0);
        assertThat(catalog.find("RTX 4090").dataCentre()).isFalse();
    }

    @Test
    void findsByNameOrAliasIgnoringCaseAndPunctuation() throws Exception {
        assertThat(catalog.find("h100").name()).isEqualTo("NVIDIA H100 SXM5 80GB");
        assertThat(catalog.find("H100-SXM5-80GB").name()).isEqualTo("NVIDIA H100 SXM5 80GB");
        assertThat(catalog.find("nvidia h100 sxm5 80gb").name()).isEqualTo("NVIDIA H100 SXM5 80GB");
        assertThat(catalog.find("NVIDIA A100").name()).isEqualTo("NVIDIA A100 SXM4 80GB");
        assertThat(catalog.find("tpu V5P").name()).isEqualTo("Google TPU v5p");
        assertThat(catalog.find("Trillium").name()).isEqualTo("Google TPU v6e (Trillium)");
        assertThat(catalog.find("NVIDIA A100 SXM4 40 GB").name()).isEqualTo("NVIDIA A100 SXM4 40GB");
    }

    @Test
    void unknownNameSuggestsTheClosest() {
        assertThatThrownBy(() -> catalog.find("H1OO"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'H1OO' is not in the catalog")
                .satisfies(e -> assertThat(((InvalidInputException) e).hint()).contains("H100"));
        assertThatThrownBy(() -> catalog.find("MI3000X"))
                .satisfies(e -> assertThat(((InvalidInputException) e).hint()).contains("AMD Instinct MI300X"));
    }

    @Test
    void ambiguousNameListsTheCandidates() throws Exception {
        assertThat(catalog.find("A100 PCIe 8").name()).as("a unique fragment is enough").isEqualTo("NVIDIA A100 PCIe 80GB");
        assertThatThrownBy(() -> catalog.find("Gaudi"))
                .hasMessageContaining("matches several chips")
                .satisfies(e -> assertThat(((InvalidInputException) e).hint())
                        .contains("Intel Gaudi 2", "Intel Gaudi 3 (OAM)"));
    }

    @Test
    void userCsvAddsChipsAndOverridesColumns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.csv");
        Files.writeString(file, """
                name,aliases,marketed_datacenter,fp16_bf16_tflops_dense,die_area_mm2_applicable
                Acme X1,X1;acme-x1,True,400,500
                H100,,,,600
                """);
        HardwareCatalog mine = HardwareCatalog.builtInWith(file);
        assertThat(mine.all()).hasSize(34);
        Accelerator x1 = mine.find("acme-x1");
        assertThat(x1.denseTeraOps()).containsEntry(Precision.FP16, 400.0);
        Accelerator h100 = mine.find("H100");
        assertThat(h100.name()).isEqualTo("NVIDIA H100 SXM5 80GB");
        assertThat(h100.dieAreaMm2()).isEqualTo(600.0);
        assertThat(h100.denseTeraOps()).containsEntry(Precision.FP8, 1978.9);
    }

    @Test
    void userJsonWorksLikeCsv(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, """
                [{"name": "Acme X2", "aliases": ["X2"], "fp8_tflops_dense": 1000, "marketed_datacenter": false}]
                """);
        Accelerator x2 = HardwareCatalog.builtInWith(file).find("x2");
        assertThat(x2.dataCentre()).isFalse();
        assertThat(x2.denseTeraOps()).containsEntry(Precision.FP8, 1000.0);
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumn(@TempDir Path dir) throws Exception {
        // Issue 13: a CSV saved by a Windows editor failed with "unknown column '\uFEFFname'".
        Path csv = Files.writeString(dir.resolve("bom.csv"), "\uFEFFname,fp8_tflops_dense\nAcme X3,900\n");
        assertThat(Files.readAllBytes(csv)[0]).isEqualTo((byte) 0xEF);
        assertThat(HardwareCatalog.builtInWith(csv).find("Acme X3").denseTeraOps()).containsEntry(Precision.FP8, 900.0);
        Path json = Files.writeString(dir.resolve("bom.json"), "\uFEFF[{\"name\": \"Acme X4\", \"fp8_tflops_dense\": 800}]");
        assertThat(HardwareCatalog.builtInWith(json).find("Acme X4").denseTeraOps()).containsEntry(Precision.FP8, 800.0);
        assertThat(CatalogFile.readCsv(new java.io.ByteArrayInputStream(Files.readAllBytes(csv)), "bom.csv"))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("name", "Acme X3"));
    }

    @Test
    void badUserFilesAreRejectedWithTheirProblemNamed(@TempDir Path dir) throws Exception {
        Path badNumber = Files.writeString(dir.resolve("a.csv"), "name,fp16_bf16_tflops_dense\nX,fast\n");
        assertThatThrownBy(() -> HardwareCatalog.builtInWith(badNumber))
                .hasMessageContaining("fp16_bf16_tflops_dense must be a number, got 'fast'");
        Path badColumn = Files.writeString(dir.resolve("b.csv"), "name,speed\nX,1\n");
        assertThatThrownBy(() -> HardwareCatalog.builtInWith(badColumn)).hasMessageContaining("unknown column 'speed'");
        Path negative = Files.writeString(dir.resolve("c.csv"), "name,fp8_tflops_dense\nX,-5\n");
        assertThatThrownBy(() -> HardwareCatalog.builtInWith(negative)).hasMessageContaining("must be positive");
        Path notJson = Files.writeString(dir.resolve("d.json"), "{oops");
        assertThatThrownBy(() -> HardwareCatalog.builtInWith(notJson)).hasMessageContaining("not valid JSON");
        Path noName = Files.writeString(dir.resolve("e.json"), "[{\"fp8_tflops_dense\": 1}]");
        assertThatThrownBy(() -> HardwareCatalog.builtInWith(noName)).hasMessageContaining("needs a name");
        assertThatThrownBy(() -> HardwareCatalog.builtInWith(dir.resolve("missing.csv")))
                .hasMessageContaining("Cannot read catalog file");
    }

    @Test
    void precisionsParseCommonSpellings() {
        assertThat(Precision.parse("bf16")).contains(Precision.FP16);
        assertThat(Precision.parse("FP16/BF16")).contains(Precision.FP16);
        assertThat(Precision.parse("int8")).contains(Precision.INT8);
        assertThat(Precision.parse("fp4")).contains(Precision.FP4);
        assertThat(Precision.parse("fp12")).isEmpty();
    }
}
