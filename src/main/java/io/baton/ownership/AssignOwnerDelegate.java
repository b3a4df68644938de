package io.baton.ownership;

import io.baton.lead.LeadLifecycle;
import io.baton.notification.NotificationKind;
import io.baton.notification.Notifications;
import io.baton.system.Decisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${assignOwner}}: routes the lead to a named person of {@code routingTeam} and records it.
 *
 * <p>When the designer's {@code lead-routing} decision answered a team the directory does not
 * have (or nothing), the intake does not fail: the lead goes to the process's steward, with an
 * incident that names the rule. A directory without any team is not set up yet: that still
 * refuses the intake ({@link NoTeamException}) so the lead can be sent again once it is.
 */
@Component("assignOwner")
class AssignOwnerDelegate implements JavaDelegate {

    static final String ROUTING_DECISION = "lead-routing";

    private final Routing routing;
    private final OwnershipLedger ledger;
    private final Notifications notifications;
    private final TeamDirectory directory;
    private final Decisions decisions;

    AssignOwnerDelegate(Routing routing, OwnershipLedger ledger, Notifications notifications, TeamDirectory directory, Decisions decisions) {
        this.routing = routing;
        this.ledger = ledger;
        this.notifications = notifications;
        this.directory = directory;
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String team = (String) execution.getVariable(LeadLifecycle.VAR_ROUTING_TEAM);
        LedgerReason reason = LedgerReason.valueOf((String) execution.getVariable(LeadLifecycle.VAR_OWNERSHIP_REASON));
        String owner = reason == LedgerReason.ROUTED && (team == null || !directory.hasTeam(team)) && directory.hasAnyTeam()
                ? steward(execution, team)
                : routing.nextOwner(team);
        ledger.assign(execution.getProcessBusinessKey(), owner, reason,
                Actors.current(execution.getProcessEngineServices().getIdentityService()));
        execution.setVariable(LeadLifecycle.VAR_OWNER, owner);
        notifications.send(execution.getProcessBusinessKey(), owner, NotificationKind.ASSIGNMENT,
                "Lead " + execution.getProcessBusinessKey() + " (" + execution.getVariable(LeadLifecycle.VAR_COMPANY) + ") is yours now");
    }

    private String steward(DelegateExecution execution, String team) {
        // A definition id is "<key>:<version>:<id>", and a key has no colon.
        String processKey = execution.getProcessDefinitionId().substring(0, execution.getProcessDefinitionId().indexOf(':'));
        String steward = Steward.of(execution.getBpmnModelInstance(), processKey);
        Decisions.Match match = decisions.last(ROUTING_DECISION).orElse(new Decisions.Match(ROUTING_DECISION, null, null));
        // On the process instance: the execution passing through this task may be replaced and removed, taking its incidents along.
        execution.getProcessInstance().createIncident(Decisions.INCIDENT_TYPE, ROUTING_DECISION + ":" + match.ruleId(),
                "Lead routing: " + match + " answered team " + (team == null ? "nothing" : "'" + team + "'")
                        + ", which the team directory does not have; the lead went to the process steward " + steward
                        + ". Fix the rule (or create the team) and deploy lead-routing.dmn again.");
        return steward;
    }
}
