package org.computegov.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.computegov.registry.kernel.Published;
import org.computegov.registry.kernel.ReadInterface;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules that keep the kernel a kernel (docs/ARCHITECTURE.md): the kernel knows no capability; capabilities
 * reach each other only through declared read interfaces; server and CLI reach a capability only through what it
 * publishes. Every class of the product is sorted into an area by its package, and every dependency between areas is
 * checked; a violation names the classes.
 */
class ArchitectureTest {
    /** Packages that are not capabilities (everything else directly under org.computegov is one). */
    private static final Set<String> NOT_CAPABILITIES = Set.of("knowledge", "ledger", "registry", "api", "server", "cli",
            "console", "architecture");
    /** The registry module's pure domain libraries, shared by capabilities like the knowledge core. */
    private static final Set<String> DOMAIN_LIBRARIES = Set.of("kyc", "screening", "usage", "runs", "monitoring");
    private static JavaClasses classes;

    @BeforeAll
    static void importProduct() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.computegov");
        assertThat(classes.size()).as("classes found").isGreaterThan(300);
    }

    /** kernel, domain, capability:NAME, server, cli, knowledge, ledger, api, console, or "" for third parties. */
    static String area(JavaClass c) {
        String p = c.getPackageName();
        if (!p.startsWith("org.computegov.")) {
            return "";
        }
        String[] parts = p.split("\\.");
        String top = parts[2];
        if (top.equals("registry")) {
            return parts.length > 3 && DOMAIN_LIBRARIES.contains(parts[3]) ? "domain" : "kernel";
        }
        return NOT_CAPABILITIES.contains(top) ? top : "capability:" + top;
    }

    private static boolean published(JavaClass c, Class<? extends java.lang.annotation.Annotation> a) {
        JavaClass at = c;
        while (at != null) {
            if (at.isAnnotatedWith(a)) {
                return true;
            }
            at = at.getEnclosingClass().orElse(null);
        }
        return false;
    }

    private interface Allowed {
        boolean test(String from, String to, JavaClass target);
    }

    private static List<String> violations(Allowed allowed) {
        Set<String> out = new TreeSet<>();
        for (JavaClass c : classes) {
            String from = area(c);
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = area(d.getTargetClass());
                if (!to.isEmpty() && !to.equals(from) && !allowed.test(from, to, d.getTargetClass())) {
                    out.add(from + " -> " + to + ": " + c.getName() + " uses " + d.getTargetClass().getName());
                }
            }
        }
        return new ArrayList<>(out);
    }

    @Test
    void theKernelKnowsNoCapabilityNorWhatSitsAboveIt() {
        assertThat(violations((from, to, t) -> !from.equals("kernel") || to.equals("ledger") || to.equals("knowledge")))
                .as("the kernel may use only the ledger and the knowledge core").isEmpty();
    }

    @Test
    void capabilitiesUseEachOtherOnlyThroughDeclaredReadInterfaces() {
        assertThat(violations((from, to, t) -> !from.startsWith("capability:") || !to.startsWith("capability:")
                || published(t, ReadInterface.class))).isEmpty();
    }

    @Test
    void capabilitiesSitOnTheKernelAndTheLibrariesOnly() {
        assertThat(violations((from, to, t) -> !from.startsWith("capability:") || to.startsWith("capability:")
                || Set.of("kernel", "domain", "ledger", "knowledge").contains(to))).isEmpty();
    }

    @Test
    void serverAndCliReachACapabilityOnlyThroughWhatItPublishes() {
        assertThat(violations((from, to, t) -> !Set.of("server", "cli", "console").contains(from) || !to.startsWith("capability:")
                || published(t, Published.class) || published(t, ReadInterface.class))).isEmpty();
    }

    @Test
    void theDomainLibrariesAndTheCoreKnowNothingAboveThem() {
        assertThat(violations((from, to, t) -> switch (from) {
            case "domain" -> Set.of("knowledge", "ledger").contains(to)
                    || to.equals("kernel") && t.getPackageName().equals("org.computegov.registry.statement");
            case "knowledge", "ledger" -> false;
            default -> true;
        })).isEmpty();
    }

    @Test
    void theRulesSeeTheCapabilitiesTheyGuard() {
        Set<String> areas = new TreeSet<>();
        classes.forEach(c -> areas.add(area(c)));
        assertThat(areas).contains("kernel", "capability:customers", "capability:accounting", "server", "cli");
    }
}
