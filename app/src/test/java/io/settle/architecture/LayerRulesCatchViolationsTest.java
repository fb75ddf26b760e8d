package io.settle.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.settle.api.archfixture.ApiLeaningOnSpring;
import io.settle.command.archfixture.AggregateDoingIo;
import io.settle.command.archfixture.AggregateReachingOut;
import io.settle.query.archfixture.ProjectionReachingOut;
import io.settle.saga.archfixture.SagaReachingOut;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layer rules are not vacuous: each one flags a deliberately bad class (test sources only, so the
 * real {@link ArchitectureTest} never sees them), and the real import covers every module.
 */
class LayerRulesCatchViolationsTest {

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of(LayerRules.API_DEPENDS_ONLY_ON_JAVA_AND_AXON_ANNOTATIONS, ApiLeaningOnSpring.class),
                Arguments.of(LayerRules.COMMAND_SIDE_DOES_NO_IO, AggregateDoingIo.UsesJdbc.class),
                Arguments.of(LayerRules.COMMAND_SIDE_DOES_NO_IO, AggregateDoingIo.UsesDataSource.class),
                Arguments.of(LayerRules.COMMAND_SIDE_DOES_NO_IO, AggregateDoingIo.UsesJpa.class),
                Arguments.of(LayerRules.COMMAND_SIDE_DOES_NO_IO, AggregateDoingIo.UsesJdbcTemplate.class),
                Arguments.of(LayerRules.COMMAND_SIDE_DOES_NO_IO, AggregateDoingIo.UsesSpringWeb.class),
                Arguments.of(LayerRules.COMMAND_SIDE_DOES_NO_IO, AggregateDoingIo.UsesHttpClient.class),
                Arguments.of(LayerRules.COMMAND_SIDE_DOES_NO_IO, AggregateDoingIo.ReadsFileStream.class),
                Arguments.of(LayerRules.COMMAND_SIDE_DOES_NO_IO, AggregateDoingIo.ReadsNioFiles.class),
                Arguments.of(LayerRules.COMMAND_SIDE_DOES_NO_IO, AggregateDoingIo.CallsStripe.class),
                Arguments.of(LayerRules.COMMAND_SIDE_DEPENDS_ON_API_ONLY, AggregateReachingOut.IntoQuery.class),
                Arguments.of(LayerRules.COMMAND_SIDE_DEPENDS_ON_API_ONLY, AggregateReachingOut.IntoSaga.class),
                Arguments.of(LayerRules.COMMAND_SIDE_DEPENDS_ON_API_ONLY, AggregateReachingOut.IntoApp.class),
                Arguments.of(LayerRules.QUERY_SIDE_NEVER_TOUCHES_COMMAND_SAGA_OR_APP, ProjectionReachingOut.IntoCommand.class),
                Arguments.of(LayerRules.QUERY_SIDE_NEVER_TOUCHES_COMMAND_SAGA_OR_APP, ProjectionReachingOut.IntoSaga.class),
                Arguments.of(LayerRules.QUERY_SIDE_NEVER_TOUCHES_COMMAND_SAGA_OR_APP, ProjectionReachingOut.IntoApp.class),
                Arguments.of(LayerRules.SAGAS_DEPEND_ON_API_ONLY, SagaReachingOut.IntoCommand.class),
                Arguments.of(LayerRules.SAGAS_DEPEND_ON_API_ONLY, SagaReachingOut.IntoQuery.class),
                Arguments.of(LayerRules.SAGAS_DEPEND_ON_API_ONLY, SagaReachingOut.IntoApp.class));
    }

    @ParameterizedTest(name = "{0} flags {1}")
    @MethodSource("violations")
    void ruleFlagsTheBadClass(ArchRule rule, Class<?> badClass) {
        assertThat(rule.evaluate(new ClassFileImporter().importClasses(badClass)).hasViolation()).isTrue();
    }

    @Test
    void allowedDependenciesPass() {
        JavaClasses allowed = new ClassFileImporter().importClasses(AggregateDoingIo.PureRules.class);

        assertThat(LayerRules.COMMAND_SIDE_DOES_NO_IO.evaluate(allowed).hasViolation()).isFalse();
        assertThat(LayerRules.COMMAND_SIDE_DEPENDS_ON_API_ONLY.evaluate(allowed).hasViolation()).isFalse();
    }

    @Test
    void productionImportSeesEveryModuleAndNoTestClass() {
        JavaClasses imported = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.settle");

        assertThat(imported.contain("io.settle.api.Money")).isTrue();
        assertThat(imported.contain("io.settle.saga.payment.PaymentGateway")).isTrue();
        assertThat(imported.contain("io.settle.app.security.JwtSecret")).isTrue();
        assertThat(imported.contain(AggregateDoingIo.UsesJdbc.class)).isFalse();
        assertThat(imported.contain(LayerRulesCatchViolationsTest.class)).isFalse();
    }
}
