package io.baton.handoff;

/** What happened in a handoff; stored and shown by name. */
enum HandoffEventKind {
    CHECKLIST_COMPLETE,
    CHECKLIST_INCOMPLETE,
    ACCEPTED,
    REJECTED,
    RESOLVED_ACCEPT,
    RESOLVED_REASSIGN;

    /** The arbiter's resolution, one of the options of {@code resolve-handoff.form}. */
    static HandoffEventKind resolved(String resolution) {
        return valueOf("RESOLVED_" + resolution.toUpperCase());
    }
}
