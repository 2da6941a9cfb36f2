package io.augur.server;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture (ARCHITECTURE.md): no package cycles, and each module
 * knows only what it must. Checked on the main classes of every module (the server's test classpath sees all).
 */
class ArchitectureTest {

    /* Why plain JUnit tests and not ArchUnit's own engine: the names follow the house style and each
     * rule reads as one specification. */

    private static JavaClasses augur;

    @BeforeAll
    static void importMainClasses() {
        augur = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.augur");
    }

    @Test
    void import_augurClasses_seesEveryModule() {
        // A rule over an empty import passes vacuously: make sure each module's classes are there.
        for (String pkg : new String[] {"io.augur.protocol", "io.augur.server", "io.augur.predictor",
                "io.augur.engine"}) {
            assertThat(augur.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)))
                    .as("classes of %s imported", pkg)
                    .isTrue();
        }
    }

    @Test
    void packages_everyPackage_formNoCycle() {
        // (**) captures the whole package name, so every package is a slice of its own: a cycle between
        // io.augur.server and io.augur.server.command counts, not only one between top-level modules.
        ArchRule rule = slices().matching("io.augur.(**)").should().beFreeOfCycles();
        rule.check(augur);
    }

    @Test
    void protocol_anyClass_knowsNoServerPredictorOrEngine() {
        noClasses().that().resideInAPackage("io.augur.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.augur.server..", "io.augur.predictor..", "io.augur.engine..")
                .because("the wire format knows no command, store or model")
                .check(augur);
    }

    @Test
    void protocol_anyClass_usesNettyOnlyForBuffersAndItsDecoderBase() {
        // RespDecoder is a ByteToMessageDecoder (so Netty hands it bytes as they arrive); beyond that base
        // class and its context argument, the protocol sees ByteBuf only, and no pipeline, channel or handler.
        noClasses().that().resideInAPackage("io.augur.protocol..")
                .should().dependOnClassesThat(describe(
                        "Netty classes other than io.netty.buffer.., ByteToMessageDecoder and ChannelHandlerContext",
                        c -> c.getPackageName().startsWith("io.netty")
                                && !c.getPackageName().startsWith("io.netty.buffer")
                                && !c.getName().equals("io.netty.handler.codec.ByteToMessageDecoder")
                                && !c.getName().startsWith("io.netty.handler.codec.ByteToMessageDecoder$")
                                && !c.getName().equals("io.netty.channel.ChannelHandlerContext")))
                .check(augur);
    }

    @Test
    void predictor_anyClass_knowsNoNettyServerOrChronicle() {
        noClasses().that().resideInAPackage("io.augur.predictor..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.netty..", "io.augur.server..", "io.augur.protocol..", "net.openhft..")
                .because("the predictors run the same in the server, the replay and the benchmarks: "
                        + "they see access events, never a socket, the store or an origin")
                .check(augur);
    }

    @Test
    void engine_anyClass_knowsNoCache() {
        noClasses().that().resideInAPackage("io.augur.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.augur.server..", "io.augur.predictor..", "io.augur.protocol..",
                        "io.netty..", "net.openhft..")
                .because("the inference engine loads and runs models; it knows nothing of caching")
                .check(augur);
    }
}
