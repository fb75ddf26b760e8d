package io.settle.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

/** The module arrows of DESIGN.md, as rules over packages (each module owns one package tree). */
final class LayerRules {

    private static final DescribedPredicate<JavaClass> JAVA_IO_FILES = DescribedPredicate.describe(
            "java.io file classes", c -> c.getPackageName().equals("java.io") && c.getSimpleName().contains("File"));

    private static final DescribedPredicate<JavaClass> IO = resideInAnyPackage(
            "java.sql..", "javax.sql..", "jakarta.persistence..", "org.springframework.jdbc..",
            "org.springframework.web..", "java.net..", "java.nio.file..", "com.stripe..")
            .or(JAVA_IO_FILES).as("I/O (JDBC, JPA, HTTP, files, Stripe)");

    static final ArchRule API_DEPENDS_ONLY_ON_JAVA_AND_AXON_ANNOTATIONS = classes()
            .that().resideInAPackage("io.settle.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "io.settle.api..", "org.axonframework.modelling.command");

    static final ArchRule COMMAND_SIDE_DOES_NO_IO = noClasses()
            .that().resideInAPackage("io.settle.command..")
            .should().dependOnClassesThat(IO)
            .allowEmptyShould(true);

    static final ArchRule COMMAND_SIDE_DEPENDS_ON_API_ONLY = noClasses()
            .that().resideInAPackage("io.settle.command..")
            .should().dependOnClassesThat().resideInAnyPackage("io.settle.query..", "io.settle.saga..", "io.settle.app..")
            .allowEmptyShould(true);

    static final ArchRule QUERY_SIDE_NEVER_TOUCHES_COMMAND_SAGA_OR_APP = noClasses()
            .that().resideInAPackage("io.settle.query..")
            .should().dependOnClassesThat().resideInAnyPackage("io.settle.command..", "io.settle.saga..", "io.settle.app..")
            .allowEmptyShould(true);

    static final ArchRule SAGAS_DEPEND_ON_API_ONLY = noClasses()
            .that().resideInAPackage("io.settle.saga..")
            .should().dependOnClassesThat().resideInAnyPackage("io.settle.command..", "io.settle.query..", "io.settle.app..")
            .allowEmptyShould(true);

    private LayerRules() {
    }
}
