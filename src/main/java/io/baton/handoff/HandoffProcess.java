package io.baton.handoff;

/** Ids of the reusable {@code lead-handoff} process. */
public final class HandoffProcess {

    public static final String KEY = "lead-handoff";
    public static final String TASK_PREPARE = "prepareHandoff";
    public static final String TASK_ACCEPT = "acceptHandoff";
    public static final String TASK_RESOLVE = "resolveHandoff";

    public static final String VAR_SENDER = "sender";
    public static final String VAR_RECEIVER = "receiver";
    public static final String VAR_RECEIVER_TEAM = "receiverTeam";
    public static final String VAR_CHECKLIST_FORM = "checklistForm";
    public static final String VAR_CHECKLIST_COMPLETE = "checklistComplete";
    public static final String VAR_CHECKLIST_ANSWERS = "checklistAnswers";
    public static final String VAR_MISSING_ITEMS = "missingItems";
    /** {@link #VAR_MISSING_ITEMS} as the form's labels, for people; the keys stay for integrations. */
    public static final String VAR_MISSING_ITEM_LABELS = "missingItemLabels";
    /** The checklist answers as a Markdown list of ticked and crossed labels, for the receiver's form. */
    public static final String VAR_CHECKLIST_TICKS = "checklistTicks";
    /** The sender's context summary for the receiver (a required text of every checklist form). */
    public static final String VAR_CONTEXT_SUMMARY = "contextSummary";
    public static final String VAR_ACCEPTED = "accepted";
    public static final String VAR_REJECT_REASON = "rejectReason";
    public static final String VAR_REJECTIONS = "rejections";
    public static final String VAR_ARBITER = "arbiter";
    public static final String VAR_RESOLUTION = "resolution";
    public static final String VAR_RESOLUTION_NOTE = "resolutionNote";
    public static final String VAR_NEW_OWNER = "newOwner";

    private HandoffProcess() {
    }
}
