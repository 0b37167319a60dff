package dev.takedown.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shape of the code, as rules. Inside the domain core, packages form layers, each using only those below it:
 * <pre>
 *   staff  reports                          staff operations (the console); what a rightholder reads about itself
 *   redress                                 contesting and undoing decisions, with what follows for trust
 *   intake  verify  notify  trust  auth     features: never use one another; they meet through events
 *   transparency                            a feature too: figures for reports, records for the DSA database
 *   decisions                               recording a decision and what follows it, whoever decided
 *   ports   events                          interfaces to the outside; named events between features
 *   json    runtime   problem               JSON shapes of the model; environment, log, metrics, threads; API problems
 *   model                                   the domain's values, shared by every feature
 *   text                                    times, digests and names as text
 * </pre>
 * The core uses no AWS class; adapters ({@code aws}) use the core, functions use both, and no function uses another.
 */
final class Architecture {
    static final List<String> FEATURES = List.of("intake", "verify", "notify", "trust", "auth", "transparency");
    static final List<String> FUNCTIONS = List.of("authorizer", "intake", "dispatcher", "verifier", "notifier", "staff",
            "trust", "redress", "console");

    /** What each core package may use besides itself, the JDK and Jackson (the JSON it reads and writes). */
    private static final Map<String, List<String>> CORE_LAYERS = Map.ofEntries(
            Map.entry("text", List.of()),
            Map.entry("model", List.of("text")),
            Map.entry("json", List.of("model", "text")),
            Map.entry("runtime", List.of("json", "text")),
            Map.entry("problem", List.of("json", "model", "text")),
            Map.entry("events", List.of("model", "json", "text")),
            Map.entry("ports", List.of("model")),
            Map.entry("decisions", List.of("model", "ports", "events", "runtime", "text")),
            Map.entry("intake", List.of("model", "ports", "events", "json", "runtime", "problem", "text")),
            Map.entry("verify", List.of("model", "ports", "decisions", "runtime", "text")),
            Map.entry("notify", List.of("model", "ports", "events", "runtime", "text")),
            Map.entry("trust", List.of("model", "ports", "events", "runtime", "text")),
            Map.entry("auth", List.of("model", "ports", "text")),
            Map.entry("redress", List.of("model", "ports", "decisions", "trust", "events", "json", "runtime", "problem",
                    "text")),
            Map.entry("transparency", List.of("model", "ports", "events", "json", "runtime", "text")),
            Map.entry("staff", List.of("model", "ports", "decisions", "trust", "redress", "transparency", "json",
                    "runtime", "problem", "text")),
            Map.entry("reports", List.of("model", "ports", "trust", "transparency", "json", "problem", "text")));

    private Architecture() {
    }

    /** The rules of a domain core rooted at {@code core} (a package name). */
    static List<ArchRule> coreRules(String core) {
        List<ArchRule> rules = new ArrayList<>();
        rules.add(slices().matching(core + ".(*)..").should().beFreeOfCycles()
                .as("the core's packages form no cycle"));
        rules.add(classes().that().resideInAPackage(core).should().haveSimpleName("package-info").allowEmptyShould(true)
                .as("the core's root package holds no grab-bag of helpers"));
        CORE_LAYERS.forEach((layer, uses) -> rules.add(classes().that().resideInAPackage(core + "." + layer + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(Stream.concat(
                        Stream.of(core + "." + layer + "..", "java..", "javax..", "com.fasterxml.jackson.."),
                        uses.stream().map(used -> core + "." + used + "..")).toArray(String[]::new))
                .allowEmptyShould(true)
                .as(core + "." + layer + " uses only " + (uses.isEmpty() ? "itself" : String.join(", ", uses)))));
        for (String feature : FEATURES) {
            rules.add(noClasses().that().resideInAPackage(core + "." + feature + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(FEATURES.stream().filter(f -> !f.equals(feature))
                            .map(f -> core + "." + f + "..").toArray(String[]::new))
                    .allowEmptyShould(true)
                    .as("feature " + feature + " uses no other feature"));
        }
        return rules;
    }

    /** The rules across modules: the core stays free of AWS and of everything built on it. */
    static List<ArchRule> moduleRules() {
        List<ArchRule> rules = new ArrayList<>();
        rules.add(noClasses().that().resideInAPackage("dev.takedown.core..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..", "org.crac..")
                .as("the core uses no AWS class, and no SnapStart hook (priming is the adapters')"));
        rules.add(noClasses().that().resideInAPackage("dev.takedown.core..")
                .should().dependOnClassesThat().resideInAnyPackage(Stream.concat(
                        Stream.of("dev.takedown.aws..", "dev.takedown.local..", "dev.takedown.backends.."),
                        FUNCTIONS.stream().map(f -> "dev.takedown." + f + "..")).toArray(String[]::new))
                .as("the core uses no adapter, function or local stack"));
        rules.add(noClasses().that().resideInAPackage("dev.takedown.aws..")
                .should().dependOnClassesThat().resideInAnyPackage(FUNCTIONS.stream()
                        .map(f -> "dev.takedown." + f + "..").toArray(String[]::new))
                .as("the adapters use no function"));
        for (String function : FUNCTIONS) {
            rules.add(noClasses().that().resideInAPackage("dev.takedown." + function)
                    .should().dependOnClassesThat().resideInAnyPackage(FUNCTIONS.stream()
                            .filter(f -> !f.equals(function)).map(f -> "dev.takedown." + f + "..").toArray(String[]::new))
                    .as("function " + function + " uses no other function"));
        }
        return rules;
    }
}
