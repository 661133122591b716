package org.computegov.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConsoleAssetsTest {
    @Test
    void servedWebjarVersionsAreTheOnesTheBuildDependsOn() throws Exception {
        String pom = Files.readString(Path.of("..", "pom.xml"));
        assertThat(pom).contains("<govuk-frontend.version>" + Versions.GOVUK_FRONTEND + "</govuk-frontend.version>")
                .contains("<uplot.version>" + Versions.UPLOT + "</uplot.version>");
        assertThat(Assets.class.getResource("/META-INF/resources/webjars/govuk-frontend/" + Versions.GOVUK_FRONTEND
                + "/dist/govuk/govuk-frontend.min.css")).isNotNull();
        assertThat(Assets.class.getResource("/META-INF/resources/webjars/uplot/" + Versions.UPLOT + "/dist/uPlot.iife.min.js")).isNotNull();
    }

    @Test
    void theGdsTypefaceIsNotLoaded() throws Exception {
        byte[] css;
        try (var in = Assets.class.getResourceAsStream("/META-INF/resources/webjars/govuk-frontend/" + Versions.GOVUK_FRONTEND
                + "/dist/govuk/govuk-frontend.min.css")) {
            css = in.readAllBytes();
        }
        assertThat(new String(css, StandardCharsets.UTF_8)).contains("@font-face");
        String served = new String(Assets.withoutGdsFonts(css), StandardCharsets.UTF_8);
        assertThat(served).doesNotContain("@font-face").doesNotContain("/assets/fonts/").contains(".govuk-button");
    }

    @Test
    void templatesArePrecompiledClassesSoNoCompilerRunsAtRunTime() throws Exception {
        assertThat(Class.forName(Templates.PACKAGE + ".JtelayoutGenerated")).isNotNull();
        assertThat(getClass().getClassLoader().getResource("gg/jte/compiler/TemplateCompiler.class")).isNull();
    }
}
