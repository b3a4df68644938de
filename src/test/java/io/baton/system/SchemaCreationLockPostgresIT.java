package io.baton.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.PostgresDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Engines built at the same instant on one empty database, without the start-up skew of whole
 * JVMs: with the schema lock every one of them comes up and exactly one creates the tables.
 */
class SchemaCreationLockPostgresIT {

    private static final int ENGINES = 3;

    @Test
    void enginesStartingTogetherOnAnEmptyDatabaseAllComeUp() throws Exception {
        String url = PostgresDatabase.fresh("baton_schema_lock_it");
        CyclicBarrier together = new CyclicBarrier(ENGINES);
        ExecutorService threads = Executors.newFixedThreadPool(ENGINES);
        List<Future<ProcessEngine>> engines = new ArrayList<>();
        for (int i = 0; i < ENGINES; i++) {
            ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) new StandaloneProcessEngineConfiguration()
                    .setProcessEngineName("schema-lock-" + i)
                    .setJdbcUrl(url).setJdbcUsername(PostgresDatabase.USER).setJdbcPassword(PostgresDatabase.PASSWORD)
                    .setJdbcDriver("org.postgresql.Driver")
                    .setDatabaseSchemaUpdate("true")
                    .setJobExecutorActivate(false);
            // Initialisation takes each engine a different time; meet right before the schema operations.
            configuration.getProcessEnginePlugins().add(new AbstractProcessEnginePlugin() {
                @Override
                public void postInit(ProcessEngineConfigurationImpl ignored) {
                    try {
                        together.await(1, TimeUnit.MINUTES);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            configuration.getProcessEnginePlugins().add(new SchemaCreationLock());
            engines.add(threads.submit(configuration::buildProcessEngine));
        }
        try {
            for (Future<ProcessEngine> engine : engines) {
                assertThat(engine.get(2, TimeUnit.MINUTES).getManagementService().getTableCount()).containsKey("ACT_RU_JOB");
            }
        } finally {
            for (Future<ProcessEngine> engine : engines) {
                if (engine.isDone() && !engine.isCancelled()) {
                    try {
                        engine.get().close();
                    } catch (Exception failedToStart) {
                        // reported by the assertion above
                    }
                }
            }
            threads.shutdownNow();
        }
    }
}
