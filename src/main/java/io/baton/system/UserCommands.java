package io.baton.system;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskOwnerCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricTaskInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The trust boundary inside the engine: every command a person sends — through Camunda's REST API,
 * the web apps' own API or any other door — passes here before it changes anything. Commands that
 * Baton runs itself (delegates, timers, {@link SystemCommands}) are nested inside another command
 * or carry no authenticated user, and pass untouched.
 * <ul>
 *   <li>Answers: completing a task or writing its variables may set only what the task's form and
 *       model allow ({@link TaskAnswers}); every value is plain or Json, never an {@code Object}.</li>
 *   <li>Everything else that writes variables (process instances, executions, messages, starts,
 *       signals, modifications) takes none from people: control data is Baton's own.</li>
 *   <li>Assignment: a task is never unassigned, delegated, given an owner or a candidate; a new
 *       assignee is a recorded transfer decided by {@link TaskReassignment}.</li>
 * </ul>
 */
final class UserCommands extends CommandInterceptor {

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static final Set<String> VARIABLE_FIELD_HINTS = Set.of("variables", "properties", "processvariables");
    private static final int MAX_WALK_DEPTH = 3;

    private final TaskAnswers answers;
    private final Supplier<TaskReassignment> reassignment;

    UserCommands(TaskAnswers answers, Supplier<TaskReassignment> reassignment) {
        this.answers = answers;
        this.reassignment = reassignment;
    }

    @Override
    public <T> T execute(Command<T> command) {
        int[] depth = DEPTH.get();
        boolean outermost = depth[0] == 0;
        depth[0]++;
        try {
            CommandContext context = outermost ? Context.getCommandContext() : null;
            String user = context == null ? null : context.getAuthenticatedUserId();
            if (user == null || !command.getClass().getName().startsWith("org.camunda.")) {
                return next.execute(command);
            }
            try {
                if (guard(command, context, user)) {
                    // The command was replaced by Baton's own handling of it (a recorded transfer).
                    return null;
                }
                return next.execute(command);
            } catch (Refusal refusal) {
                throw refusal;
            } catch (RuntimeException failed) {
                // A completion racing another one may fail anywhere once the winner's commit removed
                // the task, its grant and its execution: tell the loser it lost, not a 403 or a 500.
                throw completedMeanwhile(command, context).orElseThrow(() -> failed);
            }
        } finally {
            depth[0]--;
            if (depth[0] == 0) {
                DEPTH.remove();
            }
        }
    }

    /** Refuses what the user may not do; true when Baton handled the command in its place. */
    private boolean guard(Command<?> command, CommandContext context, String user) {
        if (command instanceof CompleteTaskCmd) {
            decide(command, "variables", answer(context, field(command, "taskId"), map(command, "variables"), List.of(), true));
        } else if (command instanceof SubmitTaskFormCmd) {
            decide(command, "properties", answer(context, field(command, "taskId"), map(command, "properties"), List.of(), true));
        } else if (command instanceof SetTaskVariablesCmd) {
            decide(command, "variables", answer(context, field(command, "entityId"), map(command, "variables"), List.of(), false));
        } else if (command instanceof PatchTaskVariablesCmd) {
            decide(command, "variables", answer(context, field(command, "entityId"), map(command, "variables"), names(command, "deletions"), false));
        } else if (command instanceof RemoveTaskVariablesCmd) {
            answer(context, field(command, "entityId"), Map.of(), names(command, "variableNames"), false);
        } else if (command instanceof AssignTaskCmd) {
            return assign(context, field(command, "taskId"), field(command, "userId"), user);
        } else if (command instanceof ClaimTaskCmd) {
            String claimant = field(command, "userId");
            if (claimant == null) {
                throw Refusal.invalid("userId", "a task is never left without an assignee; a manager can reassign it");
            }
            if (!claimant.equals(user)) {
                return assign(context, field(command, "taskId"), claimant, user);
            }
        } else if (command instanceof SetTaskOwnerCmd || command instanceof DelegateTaskCmd) {
            throw Refusal.invalid("userId", "Baton's tasks are not delegated or given an owner: each has one accountable assignee, and a manager reassigns it");
        } else if (command instanceof AbstractAddIdentityLinkCmd) {
            return identityLink(context, command, user, true);
        } else if (command instanceof DeleteIdentityLinkCmd) {
            return identityLink(context, command, user, false);
        } else if (command instanceof SaveTaskCmd) {
            saveTask(context, field(command, "task"), user);
        } else if (command instanceof DeleteTaskCmd) {
            throw Refusal.forbidden("taskId", "tasks end only by completing them with their answers");
        } else if (command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd) {
            throw Refusal.forbidden("errorCode", "tasks end only by completing them with their answers");
        } else {
            refuseVariables(command);
        }
        return false;
    }

    /** Checks a task's answers; returns them as the engine should store them when that differs from what was sent, else null. */
    private Map<String, Object> answer(CommandContext context, String taskId, Map<String, ?> variables, Collection<String> removals, boolean completing) {
        TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
        if (task == null) {
            if (completing && taskId != null && wasCompleted(context, taskId)) {
                throw Refusal.conflict("taskId", "the task was completed by someone else a moment ago; reload your task list");
            }
            // The engine answers that the task does not exist.
            return null;
        }
        // The engine's own permission check comes first: a task the user may not work reveals nothing.
        for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
            if (completing) {
                checker.checkTaskWork(task);
            } else {
                checker.checkUpdateTaskVariable(task);
            }
        }
        TaskAnswers.Schema schema = answers.schema(task, context);
        Map<String, Object> typed = ValueKinds.typed(variables);
        List<Refusal.Problem> problems = new ArrayList<>(schema.problems(typed, completing,
                id -> reassignment.get().canTakeWork(id), task::getVariableTyped));
        for (String removal : removals) {
            if (!schema.allows(removal)) {
                problems.add(new Refusal.Problem(removal, "is not an answer of task " + schema.task() + " and cannot be removed"));
            }
        }
        if (!problems.isEmpty()) {
            throw new Refusal(400, problems);
        }
        return schema.decided(typed);
    }

    /** A form's yes/no radio answers with a string; the process gets the boolean the contract names. */
    private static void decide(Command<?> command, String name, Map<String, Object> decided) {
        if (decided == null) {
            return;
        }
        for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                field.set(command, Variables.fromMap(decided));
                return;
            } catch (NoSuchFieldException notHere) {
                // Declared further up.
            } catch (ReflectiveOperationException | RuntimeException unwritable) {
                break;
            }
        }
        throw new IllegalStateException("Engine command " + command.getClass().getName() + " has no writable field '" + name
                + "': this Camunda version changed a command Baton guards");
    }

    /**
     * The loser of two concurrent completions finds the task's grant already gone with the task:
     * that is a conflict with the winner, not a lack of permission.
     */
    private static Optional<Refusal> completedMeanwhile(Command<?> command, CommandContext context) {
        if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
            String taskId = field(command, "taskId");
            try {
                if (taskId != null && wasCompleted(context, taskId)) {
                    return Optional.of(Refusal.conflict("taskId", "the task was completed by someone else a moment ago; reload your task list"));
                }
            } catch (RuntimeException unreadable) {
                // A failed statement may have ended the transaction; the original failure stands.
            }
        }
        return Optional.empty();
    }

    private static boolean wasCompleted(CommandContext context, String taskId) {
        HistoricTaskInstanceEntity historic = context.runWithoutAuthorization(
                () -> context.getHistoricTaskInstanceManager().findHistoricTaskInstanceById(taskId));
        return historic != null && historic.getEndTime() != null;
    }

    private boolean assign(CommandContext context, String taskId, String newAssignee, String user) {
        if (newAssignee == null || newAssignee.isBlank()) {
            throw Refusal.invalid("userId", "a task is never left without an assignee; a manager can reassign it to a named person");
        }
        TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
        if (task == null) {
            return false;
        }
        if (newAssignee.equals(task.getAssignee())) {
            return true;
        }
        boolean checking = context.isAuthorizationCheckEnabled();
        // Baton decides who may move the task; the engine work of a decided transfer is Baton's own.
        context.disableAuthorizationCheck();
        try {
            reassignment.get().reassign(task, newAssignee, user, groups(context));
        } finally {
            context.setAuthorizationCheckEnabled(checking);
        }
        return true;
    }

    private boolean identityLink(CommandContext context, Command<?> command, String user, boolean adding) {
        String type = field(command, "type");
        if (IdentityLinkType.ASSIGNEE.equals(type)) {
            if (adding) {
                return assign(context, field(command, "taskId"), field(command, "userId"), user);
            }
            throw Refusal.invalid("type", "a task is never left without an assignee; a manager can reassign it to a named person");
        }
        if (IdentityLinkType.OWNER.equals(type)) {
            throw Refusal.invalid("type", "Baton's tasks are not given an owner: each has one accountable assignee");
        }
        if (!groups(context).contains(BatonGroups.ADMINS)) {
            throw Refusal.forbidden("type", "only administrators add or remove candidates; each task has one named assignee");
        }
        return false;
    }

    /**
     * The engine lets anyone who may assign a task also re-date and rename it. Due dates are the
     * SLA's and names the model's: only administrators edit a task's other properties.
     */
    private static void saveTask(CommandContext context, TaskEntity changed, String user) {
        if (changed == null) {
            return;
        }
        if (!groups(context).contains(BatonGroups.ADMINS)) {
            throw Refusal.forbidden("task", "a task's due date is its SLA and its other properties come from the model; "
                    + user + " may complete it, and a manager may reassign it");
        }
        TaskEntity stored = changed.getId() == null ? null : context.getTaskManager().findTaskById(changed.getId());
        if (stored == null || changed.getRevision() == 0) {
            throw Refusal.forbidden("task", "tasks are created by the lead's lifecycle, each with an owner and an SLA");
        }
        if (!Objects.equals(stored.getAssignee(), changed.getAssignee())) {
            throw Refusal.invalid("assignee", "reassign a task with POST /task/{id}/assignee, which records the transfer");
        }
        if (!Objects.equals(stored.getOwner(), changed.getOwner()) || !Objects.equals(stored.getDelegationState(), changed.getDelegationState())) {
            throw Refusal.invalid("owner", "Baton's tasks are not delegated or given an owner");
        }
    }

    /** Variables people send anywhere but a task's answers are refused: the processes' data is Baton's. */
    private static void refuseVariables(Command<?> command) {
        boolean transientOnly = command.getClass().getSimpleName().startsWith("Evaluate");
        List<Map.Entry<String, ?>> variables = new ArrayList<>();
        collectVariables(command, 0, variables, new IdentityHashMap<>());
        for (Map.Entry<String, ?> variable : variables) {
            String refused = ValueKinds.refusedKind(variable.getValue());
            if (refused != null) {
                throw Refusal.invalid(variable.getKey(), refused);
            }
        }
        if (!transientOnly && !variables.isEmpty()) {
            throw Refusal.invalid(variables.get(0).getKey(),
                    "process variables change only through the answers of a task; this call may not carry variables");
        }
    }

    @SuppressWarnings("unchecked")
    private static void collectVariables(Object target, int depth, List<Map.Entry<String, ?>> into, Map<Object, Object> seen) {
        if (target == null || depth > MAX_WALK_DEPTH || seen.put(target, target) != null) {
            return;
        }
        for (Class<?> type = target.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                Object value = read(field, target);
                String name = field.getName().toLowerCase();
                if (value instanceof Map<?, ?> map && carriesVariables(name)) {
                    ValueKinds.typed((Map<String, ?>) map).forEach((key, variable) -> into.add(new AbstractMap.SimpleEntry<>(key, variable)));
                } else if (value instanceof Collection<?> items) {
                    items.forEach(item -> {
                        if (walkable(item)) {
                            collectVariables(item, depth + 1, into, seen);
                        }
                    });
                } else if (walkable(value)) {
                    collectVariables(value, depth + 1, into, seen);
                }
            }
        }
    }

    private static boolean carriesVariables(String fieldName) {
        return !fieldName.startsWith("correlation") && VARIABLE_FIELD_HINTS.stream().anyMatch(fieldName::endsWith);
    }

    /** Builders and instructions of engine commands carry the variables of starts, messages and modifications. */
    private static boolean walkable(Object value) {
        if (value == null || !value.getClass().getName().startsWith("org.camunda.bpm.engine.impl")) {
            return false;
        }
        String name = value.getClass().getSimpleName();
        return name.endsWith("BuilderImpl") || name.endsWith("Instruction") || name.endsWith("Cmd");
    }

    private static List<String> groups(CommandContext context) {
        List<String> groups = context.getAuthenticatedGroupIds();
        return groups == null ? List.of() : groups;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> map(Object command, String name) {
        return (Map<String, ?>) field(command, name);
    }

    @SuppressWarnings("unchecked")
    private static Collection<String> names(Object command, String name) {
        Collection<String> names = field(command, name);
        return names == null ? List.of() : names;
    }

    @SuppressWarnings("unchecked")
    private static <V> V field(Object target, String name) {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                return (V) read(type.getDeclaredField(name), target);
            } catch (NoSuchFieldException notHere) {
                // Declared further up.
            }
        }
        throw new IllegalStateException("Engine command " + target.getClass().getName() + " has no field '" + name
                + "': this Camunda version changed a command Baton guards");
    }

    private static Object read(Field field, Object target) {
        try {
            field.setAccessible(true);
            return field.get(target);
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
            return null;
        }
    }
}
