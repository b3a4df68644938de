package io.baton.system;

import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Remembers why the outermost engine command of this thread failed — including failures at the
 * final flush, such as a lost optimistic lock — because Camunda's REST resources wrap many of them
 * into a generic 500 before the answer is written. {@link EngineRestProblems} reads it.
 */
final class EngineFailures extends CommandInterceptor {

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static final ThreadLocal<Throwable> LAST = new ThreadLocal<>();

    @Override
    public <T> T execute(Command<T> command) {
        int[] depth = DEPTH.get();
        depth[0]++;
        try {
            return next.execute(command);
        } catch (RuntimeException | Error failure) {
            if (depth[0] == 1) {
                LAST.set(failure);
            }
            throw failure;
        } finally {
            depth[0]--;
            if (depth[0] == 0) {
                DEPTH.remove();
            }
        }
    }

    static Throwable last() {
        return LAST.get();
    }

    static void clear() {
        LAST.remove();
    }
}
