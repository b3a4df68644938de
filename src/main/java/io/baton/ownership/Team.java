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

    protected Team() {
    }

    public Team(String name, String managerId) {
        this.name = name;
        this.managerId = managerId;
    }

    public String getName() { return name; }
    public String getManagerId() { return managerId; }

    void setManagerId(String managerId) {
        this.managerId = managerId;
    }
}
