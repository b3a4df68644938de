package io.baton.escalation;

/** Ids of the {@code lead-escalation} process: its key, its one user task and the variables Java reads. */
public final class EscalationProcess {

    public static final String KEY = "lead-escalation";
    public static final String TASK_REVIEW = "reviewEscalation";

    public static final String VAR_ESCALATED_TASK = "escalatedTask";
    public static final String VAR_REVIEWER = "reviewer";
    public static final String VAR_LAPSED_BY = "lapsedBy";
    public static final String VAR_LEVEL = "escalationLevel";
    public static final String VAR_ROUND = "breachRound";
    public static final String VAR_DECISION = "decision";
    public static final String VAR_NEW_OWNER = "newOwner";
    public static final String VAR_EXTEND_BY = "extendBy";
    public static final String VAR_DECISION_NOTE = "decisionNote";
    /** Task-local on the work a decision kept or moved: the manager's note, for its assignee. */
    public static final String VAR_MANAGER_NOTE = "managerNote";
    public static final String VAR_DEADLINE = "slaDeadline";
    public static final String VAR_REMINDER_AT = "slaReminderAt";

    private EscalationProcess() {
    }
}
