package io.settle.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The production classes of every module (test sources excluded) keep DESIGN.md's module arrows. */
@AnalyzeClasses(packages = "io.settle", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule apiDependsOnlyOnJavaAndAxonAnnotations = LayerRules.API_DEPENDS_ONLY_ON_JAVA_AND_AXON_ANNOTATIONS;

    @ArchTest
    static final ArchRule commandSideDoesNoIo = LayerRules.COMMAND_SIDE_DOES_NO_IO;

    @ArchTest
    static final ArchRule commandSideDependsOnApiOnly = LayerRules.COMMAND_SIDE_DEPENDS_ON_API_ONLY;

    @ArchTest
    static final ArchRule querySideNeverTouchesCommandSagaOrApp = LayerRules.QUERY_SIDE_NEVER_TOUCHES_COMMAND_SAGA_OR_APP;

    @ArchTest
    static final ArchRule sagasDependOnApiOnly = LayerRules.SAGAS_DEPEND_ON_API_ONLY;
}
