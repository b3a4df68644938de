package io.baton.ownership;

/**
 * Published inside the transaction that changes who can take work: a member joins, moves, comes
 * back, goes away or is offboarded, or a manager's reports are re-pointed. Views that list the
 * people who could take work now (an escalation review's choices) follow in the same transaction.
 */
public record TeamDirectoryChanged(String userId) {
}
