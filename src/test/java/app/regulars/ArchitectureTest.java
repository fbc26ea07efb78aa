package app.regulars;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The boundaries between layers, kept by a test instead of by modules. */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("app.regulars");
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
                .and().resideOutsideOfPackages("app.regulars.store..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jooq.impl..", "java.sql..", "app.regulars.store.jooq..")
                .because("SQL lives in repositories only (services pass a transaction's DSLContext down, as jOOQ intends)")
                .check(classes);
    }

    @Test
    void commandLineDoesNotUseTheUi() {
        noClasses().that().resideInAPackage("app.regulars.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "app.regulars.ui..")
                .check(classes);
    }

    @Test
    void servicesAndRepositoriesKnowNoJavaFx() {
        noClasses().that().haveSimpleNameEndingWith("Service").or().haveSimpleNameEndingWith("Repository")
                .or().resideInAnyPackage("app.regulars.store..", "app.regulars.exchange..", "app.regulars.demo..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(classes);
    }
}
