package io.baton.system;

import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultJobConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Hands this node's acquired-but-unexecuted jobs back on a normal shutdown, so another node runs
 * them at once instead of after the lock time ({@code BATON_JOB_LOCK_MILLIS}). Camunda 7.24 does not
 * do this by itself under Spring Boot: the context close stops the job threads' pool before the
 * engine, so the acquisition thread keeps locking jobs the pool then rejects, and the pool's final
 * shutdown drops queued batches; both stay locked. Stopping first (highest phase), this stops
 * acquisition, lets the running batches finish (Camunda unlocks the rest of a batch once the
 * executor is inactive), then unlocks whatever is still locked under this node's lock owner. A
 * {@code kill -9} cannot do this; there the lock time is the bound.
 */
@Component
class JobLockRelease implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobLockRelease.class);
    private static final long DRAIN_SECONDS = 15;

    private final ProcessEngineConfigurationImpl configuration;
    private final ObjectProvider<TaskExecutor> jobThreads;
    private final JdbcTemplate jdbc;
    private volatile boolean running;

    JobLockRelease(ProcessEngineConfigurationImpl configuration,
                   @Qualifier(DefaultJobConfiguration.JobConfiguration.CAMUNDA_TASK_EXECUTOR_QUALIFIER) ObjectProvider<TaskExecutor> jobThreads, JdbcTemplate jdbc) {
        this.configuration = configuration;
        this.jobThreads = jobThreads;
        this.jdbc = jdbc;
    }

    @Override
    public void start() {
        JobExecutor executor = configuration.getJobExecutor();
        if (executor != null) {
            // Operators match ACT_RU_JOB.LOCK_OWNER_ to a node by this line.
            log.info("Job executor lock owner of this node: {}", executor.getLockOwner());
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        JobExecutor executor = configuration.getJobExecutor();
        if (executor == null) {
            return;
        }
        executor.shutdown();
        drain();
        int released = releaseLocks(executor.getLockOwner());
        if (released > 0) {
            log.info("Released {} job(s) this node had acquired but not executed", released);
        }
    }

    private void drain() {
        if (jobThreads.getIfAvailable() instanceof ThreadPoolTaskExecutor pool && pool.getThreadPoolExecutor() != null) {
            ThreadPoolExecutor threads = pool.getThreadPoolExecutor();
            threads.shutdown();
            try {
                if (!threads.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                    log.warn("Jobs still running after {} s; their locks expire after the lock time", DRAIN_SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    int releaseLocks(String lockOwner) {
        List<String> held = jdbc.queryForList("select ID_ from ACT_RU_JOB where LOCK_OWNER_ = ?", String.class, lockOwner);
        int released = 0;
        for (String jobId : held) {
            try {
                // Through the engine, so the revision check stops us from touching a job that moved on meanwhile.
                Boolean unlocked = configuration.getCommandExecutorTxRequired().execute(context -> {
                    JobEntity job = context.getJobManager().findJobById(jobId);
                    if (job == null || !lockOwner.equals(job.getLockOwner())) {
                        return false;
                    }
                    job.unlock();
                    return true;
                });
                released += Boolean.TRUE.equals(unlocked) ? 1 : 0;
            } catch (OptimisticLockingException changedMeanwhile) {
                log.debug("Job {} changed while releasing its lock", jobId);
            } catch (RuntimeException e) {
                log.warn("Could not release the lock of job {}; it expires after the lock time", jobId, e);
            }
        }
        return released;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
