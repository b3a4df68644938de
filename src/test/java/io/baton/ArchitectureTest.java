package io.baton;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout README "Architecture" describes, checked on the compiled classes: {@code system} is
 * the ground floor, the features form no cycle, and engine internals are touched only by the
 * classes the README lists, so a move to a Camunda 7 fork starts from that list.
 */
class ArchitectureTest {

    private static final String[] FEATURES = {"io.baton.lead..", "io.baton.ownership..", "io.baton.handoff..",
            "io.baton.escalation..", "io.baton.insight..", "io.baton.notification..", "io.baton.integration.."};

    /** README "Architecture", "Where Baton reaches into the engine": keep both lists the same. */
    static final Set<String> ENGINE_INTERNALS_USERS = Set.of(
            "io.baton.system.EngineSurfaceGuard",
            "io.baton.system.UserCommands",
            "io.baton.system.TaskAnswers",
            "io.baton.system.EngineFailures",
            "io.baton.system.SystemCommands",
            "io.baton.system.DefaultGrantsPlugin",
            "io.baton.system.SchemaCreationLock",
            "io.baton.system.JobLockRelease",
            "io.baton.system.EngineClock",
            "io.baton.system.ParsedProperties",
            "io.baton.system.CockpitSessionAuthentication",
            "io.baton.system.AccountSeeder",
            "io.baton.system.FormPins",
            "io.baton.system.Decisions",
            "io.baton.lead.OneLifecyclePerLead",
            "io.baton.ownership.OwnershipEnginePlugin",
            "io.baton.handoff.ChecklistFormGuard",
            "io.baton.ownership.OwnershipGuard",
            "io.baton.ownership.StewardIncidentHandler",
            "io.baton.ownership.Actors",
            "io.baton.escalation.WorkingTimeCalendar",
            "io.baton.escalation.EscalationEnginePlugin",
            "io.baton.escalation.SlaGuard",
            "io.baton.insight.InsightMetrics");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.baton");
    }

    @Test
    void systemDependsOnNoFeature() {
        noClasses().that().resideInAPackage("io.baton.system..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .because("system is the ground floor: features carry their own problem details and seed data")
                .check(classes);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.baton.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void engineInternalsOnlyWhereTheReadmeSaysSo() {
        noClasses().that(outsideTheList())
                .should().dependOnClassesThat().resideInAnyPackage("org.camunda.bpm.engine.impl..", "org.camunda.bpm.webapp.impl..")
                .because("engine internals change between Camunda 7 versions and forks; README \"Architecture\" lists who may use them")
                .check(classes);
    }

    /** Nested and anonymous classes belong to the class they are declared in. */
    private static DescribedPredicate<JavaClass> outsideTheList() {
        return DescribedPredicate.describe("are not listed as engine-internals users in README \"Architecture\"", javaClass -> {
            String name = javaClass.getName();
            int nested = name.indexOf('$');
            return !ENGINE_INTERNALS_USERS.contains(nested < 0 ? name : name.substring(0, nested));
        });
    }
}
