package io.baton.ownership;

import java.util.List;

/**
 * Published inside the transaction that puts people into the directory because they are in a team's
 * group (or changes whom a member reports to), so views built on reporting lines follow in it.
 */
public record TeamMembersJoined(List<String> userIds) {
}
