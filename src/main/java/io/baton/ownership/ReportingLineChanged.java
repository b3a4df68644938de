package io.baton.ownership;

/**
 * Published inside the transaction that re-points {@code formerManager}'s reports to
 * {@code successor} (offboarding a manager), so views built on reporting lines follow in it.
 */
public record ReportingLineChanged(String formerManager, String successor) {
}
