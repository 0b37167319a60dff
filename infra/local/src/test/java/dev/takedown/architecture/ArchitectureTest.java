package dev.takedown.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The product's classes keep the shape {@link Architecture} describes; and its rules do catch a break of it. */
class ArchitectureTest {
    /** The modules' own classes, not their tests (core's test fakes arrive in a test jar). */
    private static final ImportOption PRODUCT_ONLY = location -> !location.contains("/test-classes/")
            && !location.contains("-tests.jar");

    private static final JavaClasses PRODUCT = new ClassFileImporter().withImportOption(PRODUCT_ONLY)
            .importPackages("dev.takedown");

    @Test
    void theProductKeepsItsShape() {
        assertThat(PRODUCT.stream().filter(c -> c.getPackageName().startsWith("dev.takedown.core.")))
                .as("the core's classes were found").hasSizeGreaterThan(100);
        List<ArchRule> rules = new ArrayList<>(Architecture.coreRules("dev.takedown.core"));
        rules.addAll(Architecture.moduleRules());
        assertThat(violations(rules, PRODUCT)).isEmpty();
    }

    @Test
    void aCycleBetweenCorePackagesIsCaught() {
        // A miniature core in which the model reaches back up into a feature, as Rightholder once did into trust.
        JavaClasses cyclic = new ClassFileImporter().importPackages("dev.takedown.architecture.cyclic");
        assertThat(cyclic.size()).isEqualTo(2);
        assertThat(violations(Architecture.coreRules("dev.takedown.architecture.cyclic"), cyclic))
                .anyMatch(v -> v.contains("form no cycle"))
                .anyMatch(v -> v.contains("cyclic.model uses only text"));
    }

    private static List<String> violations(List<ArchRule> rules, JavaClasses classes) {
        List<String> failed = new ArrayList<>();
        for (ArchRule rule : rules) {
            EvaluationResult result = rule.evaluate(classes);
            if (result.hasViolation()) {
                failed.add(rule.getDescription() + ":\n" + String.join("\n", result.getFailureReport().getDetails()));
            }
        }
        return failed;
    }
}
