package io.baton.lead;

public enum LeadStatus {
    OPEN, WON, LOST, DISQUALIFIED, UNSUBSCRIBED
}
