package io.baton.ownership;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "baton_team")
class Team {

    @Id
    private String name;
    private String managerId;
    /** IANA zone of the team's business hours; null means the configured {@code baton.sla.business-hours} zone. */
    private String timeZone;

    protected Team() {
    }

    public Team(String name, String managerId) {
        this.name = name;
        this.managerId = managerId;
    }

    public String getName() { return name; }
    public String getManagerId() { return managerId; }

    public String getTimeZone() { return timeZone; }

    void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    void setManagerId(String managerId) {
        this.managerId = managerId;
    }
}
