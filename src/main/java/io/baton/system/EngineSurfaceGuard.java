package io.baton.system;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Installs the trust boundary into the engine, so that it holds for every door at once:
 * <ul>
 *   <li>{@link UserCommands} checks every command a person sends before it runs;</li>
 *   <li>{@link EngineFailures} remembers why a command failed, for clean REST answers;</li>
 *   <li>an assignee's grant on a task lets them read and work it ({@code TASK_WORK}), not
 *       re-date, re-assign or delete it ({@code UPDATE});</li>
 *   <li>as a second line behind the refusal of {@code Object} values at write time, values are
 *       deserialized only into allow-listed types (none beyond the engine's own defaults), and
 *       Java serialization stays off.</li>
 * </ul>
 */
@Component
class EngineSurfaceGuard extends AbstractProcessEnginePlugin {

    private final ObjectProvider<TaskReassignment> reassignment;

    EngineSurfaceGuard(ObjectProvider<TaskReassignment> reassignment) {
        this.reassignment = reassignment;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // An interceptor is a link of one chain: each chain gets its own instances.
        configuration.setCustomPreCommandInterceptorsTxRequired(
                prepend(configuration.getCustomPreCommandInterceptorsTxRequired(), new EngineFailures()));
        configuration.setCustomPreCommandInterceptorsTxRequiresNew(
                prepend(configuration.getCustomPreCommandInterceptorsTxRequiresNew(), new EngineFailures()));
        TaskAnswers answers = new TaskAnswers();
        configuration.setCustomPostCommandInterceptorsTxRequired(append(configuration.getCustomPostCommandInterceptorsTxRequired(),
                new UserCommands(answers, reassignment::getObject)));
        configuration.setCustomPostCommandInterceptorsTxRequiresNew(append(configuration.getCustomPostCommandInterceptorsTxRequiresNew(),
                new UserCommands(answers, reassignment::getObject)));

        configuration.setDefaultUserPermissionNameForTask(Permissions.TASK_WORK.getName());
        configuration.setJavaSerializationFormatEnabled(false);
        configuration.setDeserializationTypeValidationEnabled(true);
        configuration.setDeserializationAllowedPackages("");
        configuration.setDeserializationAllowedClasses("");
    }

    private static List<CommandInterceptor> prepend(List<CommandInterceptor> existing, CommandInterceptor interceptor) {
        List<CommandInterceptor> interceptors = new ArrayList<>();
        interceptors.add(interceptor);
        if (existing != null) {
            interceptors.addAll(existing);
        }
        return interceptors;
    }

    private static List<CommandInterceptor> append(List<CommandInterceptor> existing, CommandInterceptor interceptor) {
        List<CommandInterceptor> interceptors = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
        interceptors.add(interceptor);
        return interceptors;
    }
}
