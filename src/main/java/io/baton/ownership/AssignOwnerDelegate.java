package io.baton.ownership;

import io.baton.lead.Lead;
import io.baton.lead.LeadLifecycle;
import io.baton.lead.LeadNotFoundException;
import io.baton.lead.LeadRepository;
import io.baton.lead.LeadRouting;
import io.baton.notification.NotificationKind;
import io.baton.notification.Notifications;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${assignOwner}}: routes the lead to a named person of {@code routingTeam} and records it,
 * with why ({@link LeadRouting}) on the lead. A routed lead ({@code ROUTED}) also asks its account.
 */
@Component("assignOwner")
class AssignOwnerDelegate implements JavaDelegate {

    private final Routing routing;
    private final OwnershipLedger ledger;
    private final Notifications notifications;
    private final LeadRepository leads;

    AssignOwnerDelegate(Routing routing, OwnershipLedger ledger, Notifications notifications, LeadRepository leads) {
        this.routing = routing;
        this.ledger = ledger;
        this.notifications = notifications;
        this.leads = leads;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String leadId = execution.getProcessBusinessKey();
        String team = (String) execution.getVariable(LeadLifecycle.VAR_ROUTING_TEAM);
        LedgerReason reason = LedgerReason.valueOf((String) execution.getVariable(LeadLifecycle.VAR_OWNERSHIP_REASON));
        Lead lead = leads.findById(leadId).orElseThrow(() -> new LeadNotFoundException(leadId));
        Routing.Routed routed = reason == LedgerReason.ROUTED
                ? routing.routeLead(lead, team, (String) execution.getVariable(LeadLifecycle.VAR_ROUTING_RULE),
                        (String) execution.getVariable(LeadLifecycle.VAR_ROUTING_SEGMENT))
                : routing.routeToSteward(team);
        String owner = routed.owner();
        ledger.assign(leadId, owner, reason, Actors.current(execution.getProcessEngineServices().getIdentityService()));
        lead.routed(routed.decision());
        execution.setVariable(LeadLifecycle.VAR_OWNER, owner);
        notifications.send(leadId, owner, NotificationKind.ASSIGNMENT,
                "Lead " + leadId + " (" + execution.getVariable(LeadLifecycle.VAR_COMPANY) + ") is yours now");
    }
}
