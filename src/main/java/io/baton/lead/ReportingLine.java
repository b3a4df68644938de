package io.baton.lead;

/**
 * Who manages whom, as the lead's access rules need it; the ownership feature's team directory
 * answers it, so the lead feature does not depend on ownership.
 */
public interface ReportingLine {

    /** Whether {@code person} is in {@code manager}'s reporting line (never their own). */
    boolean manages(String manager, String person);
}
