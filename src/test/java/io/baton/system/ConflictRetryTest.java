package io.baton.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class ConflictRetryTest {

    static class Action {
        final AtomicInteger calls = new AtomicInteger();
        int conflictsBeforeSuccess;
        RuntimeException conflict = new OptimisticLockingException("ACT_RU_EXECUTION was updated by another transaction");

        @RetryOnConflict
        public String run() {
            if (calls.incrementAndGet() <= conflictsBeforeSuccess) {
                throw conflict;
            }
            return "done";
        }
    }

    private final Action target = new Action();
    private final Action action = proxy(target);

    @AfterEach
    void leaveNoTransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @Test
    void aLostRaceRunsAgainUntilItWins() {
        target.conflictsBeforeSuccess = 2;
        assertThat(action.run()).isEqualTo("done");
        assertThat(target.calls).hasValue(3);
    }

    @Test
    void databaseLockConflictsAreRetriedToo() {
        target.conflictsBeforeSuccess = 1;
        target.conflict = new CannotAcquireLockException("deadlock detected");
        assertThat(action.run()).isEqualTo("done");
        assertThat(target.calls).hasValue(2);
    }

    @Test
    void aConflictThatPersistsReachesTheCallerAfterTheLastAttempt() {
        target.conflictsBeforeSuccess = Integer.MAX_VALUE;
        assertThatThrownBy(action::run).isInstanceOf(OptimisticLockingException.class);
        assertThat(target.calls).hasValue(ConflictRetry.ATTEMPTS);
    }

    @Test
    void otherErrorsAreNotRetried() {
        target.conflictsBeforeSuccess = 5;
        target.conflict = new IllegalArgumentException("bad input");
        assertThatThrownBy(action::run).isInstanceOf(IllegalArgumentException.class);
        assertThat(target.calls).hasValue(1);
    }

    @Test
    void insideACallersTransactionTheConflictGoesUpUnretried() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        target.conflictsBeforeSuccess = 1;
        assertThatThrownBy(action::run).isInstanceOf(OptimisticLockingException.class);
        assertThat(target.calls).hasValue(1);
    }

    private static Action proxy(Action target) {
        AspectJProxyFactory factory = new AspectJProxyFactory(target);
        factory.setProxyTargetClass(true);
        factory.addAspect(new ConflictRetry());
        return factory.getProxy();
    }
}
