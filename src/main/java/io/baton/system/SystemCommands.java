package io.baton.system;

import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Runs engine work that Baton does on its own authority — starting a lead's lifecycle after
 * intake, delivering a stop message — with the caller still authenticated (so history names them)
 * but without requiring engine grants that would also let them bypass Baton's API.
 */
@Component
public class SystemCommands {

    private final ProcessEngineConfigurationImpl configuration;

    SystemCommands(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
    }

    public <T> T run(Supplier<T> work) {
        return configuration.getCommandExecutorTxRequired().execute(commandContext -> {
            // Nested in a delegate the context is reused: restore exactly what was there.
            boolean checking = commandContext.isAuthorizationCheckEnabled();
            commandContext.disableAuthorizationCheck();
            try {
                return work.get();
            } finally {
                if (checking) {
                    commandContext.enableAuthorizationCheck();
                }
            }
        });
    }

    /**
     * The same in a transaction of its own, for work after the caller's transaction has committed
     * (a notification's after-commit delivery), where no command context may be joined.
     */
    public <T> T runAlone(Supplier<T> work) {
        return configuration.getCommandExecutorTxRequiresNew().execute(commandContext -> {
            commandContext.disableAuthorizationCheck();
            return work.get();
        });
    }

    public void run(Runnable work) {
        run(() -> {
            work.run();
            return null;
        });
    }
}
