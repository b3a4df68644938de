package io.baton.ownership;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "baton_team_member")
class TeamMember {

    @Id
    private String userId;
    private String team;
    private String managerId;
    private int capacity;
    private boolean available;
    private boolean offboarded;
    /** Raised only by {@link RoutingTickets} on its own connection; never written back from here. */
    @Column(insertable = false, updatable = false)
    private long routedCount;

    protected TeamMember() {
    }

    public TeamMember(String userId, String team, String managerId, int capacity) {
        this.userId = userId;
        this.team = team;
        this.managerId = managerId;
        this.capacity = capacity;
        this.available = true;
    }

    /** Eligible for new work: present and not offboarded. */
    public boolean canTakeWork() {
        return available && !offboarded;
    }

    void setAvailable(boolean available) {
        this.available = available;
    }

    void offboard() {
        this.offboarded = true;
        this.available = false;
    }

    void update(String team, String managerId, int capacity) {
        this.team = team;
        this.managerId = managerId;
        this.capacity = capacity;
    }

    public String getUserId() { return userId; }
    public String getTeam() { return team; }
    public String getManagerId() { return managerId; }
    public int getCapacity() { return capacity; }
    public boolean isAvailable() { return available; }
    public boolean isOffboarded() { return offboarded; }
    public long getRoutedCount() { return routedCount; }
}
