package io.baton.ownership;

import io.baton.lead.LeadLifecycle;
import io.baton.notification.NotificationKind;
import io.baton.notification.Notifications;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${assignOwner}}: routes the lead to a named person of {@code routingTeam} and records it. */
@Component("assignOwner")
class AssignOwnerDelegate implements JavaDelegate {

    private final Routing routing;
    private final OwnershipLedger ledger;
    private final Notifications notifications;

    AssignOwnerDelegate(Routing routing, OwnershipLedger ledger, Notifications notifications) {
        this.routing = routing;
        this.ledger = ledger;
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String team = (String) execution.getVariable(LeadLifecycle.VAR_ROUTING_TEAM);
        String owner = routing.nextOwner(team);
        ledger.assign(execution.getProcessBusinessKey(), owner,
                LedgerReason.valueOf((String) execution.getVariable(LeadLifecycle.VAR_OWNERSHIP_REASON)),
                Actors.current(execution.getProcessEngineServices().getIdentityService()));
        execution.setVariable(LeadLifecycle.VAR_OWNER, owner);
        notifications.send(execution.getProcessBusinessKey(), owner, NotificationKind.ASSIGNMENT,
                "Lead " + execution.getProcessBusinessKey() + " (" + execution.getVariable(LeadLifecycle.VAR_COMPANY) + ") is yours now");
    }
}
