package io.baton.system;

import java.util.concurrent.ThreadLocalRandom;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs {@link RetryOnConflict} actions up to {@value #ATTEMPTS} times with a short random pause.
 * Ordered before the transaction advice, so each attempt is a fresh transaction.
 */
@Aspect
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConflictRetry {

    static final int ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(ConflictRetry.class);

    @Around("@annotation(io.baton.system.RetryOnConflict)")
    Object retry(ProceedingJoinPoint action) throws Throwable {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return action.proceed();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return action.proceed();
            } catch (OptimisticLockingException | ConcurrencyFailureException conflict) {
                if (attempt >= ATTEMPTS) {
                    throw conflict;
                }
                log.debug("{} lost a race (attempt {}): {}", action.getSignature().toShortString(), attempt, conflict.getMessage());
                Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L * attempt));
            }
        }
    }
}
