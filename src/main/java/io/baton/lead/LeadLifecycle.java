package io.baton.lead;

/** Ids of the {@code lead-lifecycle} process: integrations and Tasklist filters depend on them. */
public final class LeadLifecycle {

    public static final String KEY = "lead-lifecycle";

    public static final String TASK_FIX_LEAD_DATA = "fixLeadData";
    public static final String TASK_QUALIFY_LEAD = "qualifyLead";
    public static final String TASK_NEEDS_ANALYSIS = "needsAnalysis";
    public static final String TASK_SEND_PROPOSAL = "sendProposal";
    public static final String TASK_NEGOTIATE = "negotiate";
    public static final String TASK_KICKOFF_ONBOARDING = "kickoffOnboarding";

    public static final String MESSAGE_UNSUBSCRIBED = "LeadUnsubscribed";
    public static final String MESSAGE_LOST = "LeadLost";
    public static final String ERROR_DISQUALIFIED = "Disqualified";
    /** Owner or manager marks the lead "waiting on customer": the SLA clock stops (event subprocess below). */
    public static final String MESSAGE_PAUSED = "LeadPaused";
    /** The customer answered: the clock runs again. Integrations correlate it by business key = lead id. */
    public static final String MESSAGE_REPLIED = "LeadReplied";
    /** The owner or manager resumes a pause themselves ({@code POST /api/leads/{id}/resume}). */
    public static final String MESSAGE_RESUMED = "LeadResumed";

    public static final String EVENT_SUBPROCESS_WAITING = "eventSubProcess_waitingOnCustomer";
    public static final String TIMER_RESUME_BY = "timer_resumeBy";

    public static final String VAR_LEAD_ID = "leadId";
    public static final String VAR_OWNER = "owner";
    public static final String VAR_EMAIL = "email";
    public static final String VAR_FIRST_NAME = "firstName";
    public static final String VAR_LAST_NAME = "lastName";
    public static final String VAR_COMPANY = "company";
    public static final String VAR_COUNTRY = "country";
    public static final String VAR_SOURCE = "source";
    public static final String VAR_EMPLOYEES = "employees";
    public static final String VAR_QUALIFIED = "qualified";
    public static final String VAR_DISQUALIFY_REASON = "disqualifyReason";
    public static final String VAR_OUTCOME = "outcome";
    public static final String VAR_ROUTING_TEAM = "routingTeam";
    public static final String VAR_OWNERSHIP_REASON = "ownershipReason";
    /** {@code deadline_<taskKey>}: the step's deadline, remembered on the instance from the work's first arrival. */
    public static final String VAR_DEADLINE_PREFIX = "deadline_";
    /** Carried by {@value #MESSAGE_PAUSED}: why the lead waits, and the latest instant the clock restarts by itself. */
    public static final String VAR_PAUSE_REASON = "pauseReason";
    public static final String VAR_RESUME_BY = "resumeBy";

    /** The routing table (processes/lead-routing.dmn) that chooses a lead's team. */
    public static final String DECISION_ROUTING = "lead-routing";

    /** Stage subprocess ids; the stage of a lead is the one it is in. */
    public static final String STAGE_FIX_LEAD_DATA = "stage_fixLeadData";
    public static final String STAGE_QUALIFICATION = "stage_qualification";
    public static final String STAGE_NEEDS_ANALYSIS = "stage_needsAnalysis";
    public static final String STAGE_PROPOSAL = "stage_proposal";
    public static final String STAGE_NEGOTIATION = "stage_negotiation";
    public static final String STAGE_ONBOARDING = "stage_onboarding";
    public static final String CALL_HANDOFF_TO_AE = "callActivity_handoffToAe";
    public static final String CALL_HANDOFF_TO_DELIVERY = "callActivity_handoffToDelivery";


    private LeadLifecycle() {
    }
}
