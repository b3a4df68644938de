package io.baton.ownership;

import io.baton.lead.Lead;
import io.baton.lead.LeadLifecycle;
import io.baton.lead.LeadNotFoundException;
import io.baton.lead.LeadRepository;
import io.baton.lead.LeadRouting;
import io.baton.notification.NotificationKind;
import io.baton.notification.Notifications;
import io.baton.system.Decisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${assignOwner}}: routes the lead to a named person of {@code routingTeam} and records it,
 * with why ({@link LeadRouting}: the routing table's rule, the account match) on the lead.
 *
 * <p>When the designer's {@code lead-routing} decision answered a team the directory does not
 * have (or nothing), the intake does not fail: the lead goes to the process's steward, with an
 * incident that names the rule. A directory without any team is not set up yet: that still
 * refuses the intake ({@link NoTeamException}) so the lead can be sent again once it is.
 */
@Component("assignOwner")
class AssignOwnerDelegate implements JavaDelegate {

    static final String ROUTING_DECISION = LeadLifecycle.DECISION_ROUTING;

    private final Routing routing;
    private final OwnershipLedger ledger;
    private final Notifications notifications;
    private final TeamDirectory directory;
    private final Decisions decisions;
    private final LeadRepository leads;

    AssignOwnerDelegate(Routing routing, OwnershipLedger ledger, Notifications notifications, TeamDirectory directory,
                        Decisions decisions, LeadRepository leads) {
        this.routing = routing;
        this.ledger = ledger;
        this.notifications = notifications;
        this.directory = directory;
        this.decisions = decisions;
        this.leads = leads;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String leadId = execution.getProcessBusinessKey();
        String team = (String) execution.getVariable(LeadLifecycle.VAR_ROUTING_TEAM);
        LedgerReason reason = LedgerReason.valueOf((String) execution.getVariable(LeadLifecycle.VAR_OWNERSHIP_REASON));
        Lead lead = leads.findById(leadId).orElseThrow(() -> new LeadNotFoundException(leadId));
        Routing.Routed routed;
        if (reason != LedgerReason.ROUTED) {
            routed = routing.routeToSteward(team);
        } else {
            // The business rule task evaluated the table just before, in this transaction on this thread.
            Decisions.Match rule = decisions.last(ROUTING_DECISION).orElse(new Decisions.Match(ROUTING_DECISION));
            routed = (team == null || !directory.hasTeam(team)) && directory.hasAnyTeam()
                    ? new Routing.Routed(steward(execution, team, rule),
                            new LeadRouting(team, rule.ruleId(), rule.label(), LeadRouting.Reason.PROCESS_STEWARD, null, null))
                    : routing.routeLead(lead, team, rule.ruleId(), rule.label());
        }
        String owner = routed.owner();
        ledger.assign(leadId, owner, reason, Actors.current(execution.getProcessEngineServices().getIdentityService()));
        lead.routed(routed.decision());
        execution.setVariable(LeadLifecycle.VAR_OWNER, owner);
        notifications.send(leadId, owner, NotificationKind.ASSIGNMENT,
                "Lead " + leadId + " (" + execution.getVariable(LeadLifecycle.VAR_COMPANY) + ") is yours now");
    }

    private String steward(DelegateExecution execution, String team, Decisions.Match match) {
        // A definition id is "<key>:<version>:<id>", and a key has no colon.
        String processKey = execution.getProcessDefinitionId().substring(0, execution.getProcessDefinitionId().indexOf(':'));
        String steward = Steward.of(execution.getBpmnModelInstance(), processKey);
        // On the process instance: the execution passing through this task may be replaced and removed, taking its incidents along.
        execution.getProcessInstance().createIncident(Decisions.INCIDENT_TYPE, ROUTING_DECISION + ":" + match.ruleId(),
                "Lead routing: " + match + " answered team " + (team == null ? "nothing" : "'" + team + "'")
                        + ", which the team directory does not have; the lead went to the process steward " + steward
                        + ". Fix the rule (or create the team) and deploy lead-routing.dmn again.");
        return steward;
    }
}
