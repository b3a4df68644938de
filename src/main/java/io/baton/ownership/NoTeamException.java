package io.baton.ownership;

/**
 * Routing chose a team the directory does not have (a fresh deployment has none): no named person
 * can own the lead, so the intake is refused as a whole instead of storing a lead nobody owns.
 */
class NoTeamException extends RuntimeException {

    private final String team;

    NoTeamException(String team) {
        super("No team can take this lead: routing chose team '" + team + "', which the team directory does not have."
                + " An administrator creates the teams first: PUT /api/teams/{team} with its manager, then PUT /api/team/{userId}"
                + " for each member (see the README, 'First teams')");
        this.team = team;
    }

    public String team() {
        return team;
    }
}
