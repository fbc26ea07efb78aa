package app.regulars;

import app.regulars.feature.FeatureCommand;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three floors and the boundaries between them, kept by a test instead of by modules:
 * the app on top (the only code that knows every feature), the features in the middle, the
 * shared kit below. See ARCHITECTURE.md.
 */
class ArchitectureTest {
    static final String ROOT = "app.regulars";
    /** The features, each a package under {@link #ROOT}. */
    static final List<String> FEATURES = List.of("customer", "followup", "membership", "survey", "insight");
    /** The kit below the features: view helpers, tables and files, the store, languages, the feature contract. */
    static final List<String> KIT = List.of("fx", "tables", "store", "i18n", "feature");

    /**
     * Every edge from one feature to another, with its reason; any other edge fails the build
     * and goes through the app floor or a small interface the lower feature owns instead.
     */
    static final Map<String, Set<String>> DECLARED_EDGES = Map.of(
            // customers are what the other features are about: they add tabs to a profile
            // (ProfileSection) and columns to the list (ListColumn), and look customers up
            "membership", Set.of("customer"),
            "survey", Set.of("customer"),
            // ... and the visit brief a follow-up prints shows the customer's tier and points
            "followup", Set.of("customer", "membership"),
            "customer", Set.of(),
            // insights read every feature's records back (purchases, surveys, follow-ups) and plan win-back follow-ups
            "insight", Set.of("customer", "followup", "membership", "survey"));

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    static ArchRule floors() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("App").definedBy(ROOT + ".app..")
                .layer("Features").definedBy(packages(FEATURES))
                .layer("Kit").definedBy(packages(KIT))
                .whereLayer("App").mayNotBeAccessedByAnyLayer()
                .whereLayer("Features").mayOnlyBeAccessedByLayers("App")
                .whereLayer("Kit").mayOnlyBeAccessedByLayers("App", "Features")
                .because("arrows only go down: app → features → kit");
    }

    static String[] packages(List<String> names) {
        return names.stream().map(n -> ROOT + "." + n + "..").toArray(String[]::new);
    }

    @Test
    void packagesAreFreeOfCycles() {
        noCycles(ROOT).check(classes);
    }

    @Test
    void theFloorsOnlyDependDownwards() {
        floors().check(classes);
    }

    @Test
    void aFeatureUsesAnotherOnlyThroughADeclaredEdge() {
        assertThat(DECLARED_EDGES.keySet()).containsExactlyInAnyOrderElementsOf(FEATURES);
        for (String feature : FEATURES) {
            List<String> others = FEATURES.stream()
                    .filter(f -> !f.equals(feature) && !DECLARED_EDGES.get(feature).contains(f)).toList();
            if (others.isEmpty()) {
                continue;
            }
            noClasses().that().resideInAPackage(ROOT + "." + feature + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(packages(others))
                    .because("an edge between features is declared in ArchitectureTest.DECLARED_EDGES, or goes through the app")
                    .check(classes);
        }
    }

    @Test
    void anInjectedCycleOrUpwardEdgeFailsTheRules() {
        // Classes kept in the test tree for this only: fixtures.cycle.a and .b import each other;
        // app.regulars.fx.ArchFixtureKitUsingAFeature is a kit class that uses a feature.
        JavaClasses cycle = new ClassFileImporter().importPackages("fixtures.cycle");
        assertThat(noCycles("fixtures.cycle").evaluate(cycle).hasViolation()).isTrue();
        JavaClasses withUpwardEdge = new ClassFileImporter().importPackages(ROOT);
        assertThat(floors().evaluate(withUpwardEdge).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("ArchFixtureKitUsingAFeature"));
    }

    @Test
    void viewModelsStayOffTheSceneGraph() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .because("view models are tested with plain JUnit, without a window")
                .check(classes);
    }

    @Test
    void sqlStaysInRepositoriesAndTheStore() {
        noClasses().that().haveSimpleNameNotEndingWith("Repository")
                .and().resideOutsideOfPackages(ROOT + ".store..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jooq.impl..", "java.sql..", ROOT + ".store.jooq..")
                .because("SQL lives in repositories only (services pass a transaction's DSLContext down, as jOOQ intends)")
                .check(classes);
    }

    @Test
    void commandLineDoesNotUseTheUi() {
        noClasses().that().resideInAPackage(ROOT + ".app.cli..").or().areAssignableTo(FeatureCommand.class)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", ROOT + ".fx..")
                .check(classes);
    }

    @Test
    void servicesRepositoriesAndFilesKnowNoJavaFx() {
        noClasses().that().haveSimpleNameEndingWith("Service").or().haveSimpleNameEndingWith("Repository")
                .or().resideInAnyPackage(ROOT + ".store..", ROOT + ".tables..", ROOT + ".i18n..", ROOT + ".app.demo..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(classes);
    }
}
