package io.baton.lead;

public class LeadNotFoundException extends RuntimeException {

    public LeadNotFoundException(String id) {
        super("No lead with id " + id);
    }
}
