package io.baton.lead;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * Every task says which lead it is about. On creation and on every (re)assignment a task gets two
 * task-local variables, so that whoever may read the task reads them too (a rep's grant is on the
 * task, not on the process instance; the engine shows task-local variables to readers of the task,
 * also in Tasklist's filter columns):
 * <ul>
 *   <li>{@value #VAR_TITLE}: "Acme GmbH — Ann Smith", the line a task list shows;</li>
 *   <li>{@value #VAR_LEAD}: the lead card, one {@code Json} value every form reads:
 *   <pre>{"id", "title", "name", "company", "email", "employees", "size", "source", "country",
 *  "owner": {"id", "name"}, "previousOwner": {"id", "name"} | null,
 *  "handoff": {"from": "Sam Sterling", "summary", "at"} | null,
 *  "people": {"sender": "Sam Sterling", "receiver": …, "lapsedBy": …, …}}</pre>
 *   {@code people} names, by display name, the persons the task's process refers to by user id.</li>
 * </ul>
 * The card is read from the lead itself, not from process variables, so a handoff or an escalation
 * (their own process instances) show the same card, and a correction shows on the next task.
 */
@Component
public class LeadCard implements TaskListener {

    public static final String VAR_TITLE = "title";
    public static final String VAR_LEAD = "lead";

    /** Process variables that hold a person's user id; the card names them. */
    private static final List<String> PEOPLE = List.of("owner", "sender", "receiver", "arbiter", "lapsedBy", "reviewer", "newOwner");

    private final LeadRepository leads;
    private final ObjectMapper json = new ObjectMapper();

    @PersistenceContext
    private EntityManager entityManager;

    LeadCard(LeadRepository leads) {
        this.leads = leads;
    }

    @Override
    public void notify(DelegateTask task) {
        if (task.getExecution() == null || task.getExecution().getProcessBusinessKey() == null) {
            return;
        }
        if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName()) && task.getAssignee() != null) {
            // The engine fires "assignment" right after "create" for a task created with its assignee.
            return;
        }
        leads.findById(task.getExecution().getProcessBusinessKey()).ifPresent(lead -> {
            String title = title(lead);
            task.setVariableLocal(VAR_TITLE, title);
            task.setVariableLocal(VAR_LEAD, SpinValues.jsonValue(card(lead, title, task).toString()).create());
        });
    }

    public static String title(Lead lead) {
        String company = blankToNull(lead.getCompany());
        String contact = contact(lead);
        return company == null ? contact : company + " — " + contact;
    }

    private static String contact(Lead lead) {
        String name = String.join(" ", Stream.of(lead.getFirstName(), lead.getLastName())
                .map(LeadCard::blankToNull).filter(Objects::nonNull).toList());
        return name.isEmpty() ? lead.getEmail() : name;
    }

    private ObjectNode card(Lead lead, String title, DelegateTask task) {
        ObjectNode card = json.createObjectNode();
        card.put("id", lead.getId());
        card.put("title", title);
        card.put("name", contact(lead));
        card.put("company", lead.getCompany());
        card.put("email", lead.getEmail());
        if (lead.getEmployees() == null) {
            card.putNull("employees");
            card.put("size", "size unknown");
        } else {
            card.put("employees", lead.getEmployees());
            card.put("size", String.format(Locale.ROOT, "%,d employees", lead.getEmployees()));
        }
        card.put("source", lead.getSource());
        card.put("country", lead.getCountry());
        // An owner's task moving to someone moves the lead with it; the ledger follows the task's new
        // assignee within the same transaction, after this listener.
        String owner = TaskFacts.isTrue(task.getBpmnModelElementInstance(), TaskFacts.OWNER_TASK) && task.getAssignee() != null
                ? task.getAssignee() : lead.getOwner();
        Optional<String> previous = owner != null && !owner.equals(lead.getOwner()) ? Optional.ofNullable(lead.getOwner()) : previousOwner(lead);
        card.set("owner", person(owner));
        card.set("previousOwner", previous.map(this::person).orElse(null));
        if (lead.getHandoffFrom() != null || lead.getHandoffSummary() != null) {
            // The sender's context summary of the last accepted handoff, on every later task of the lead.
            ObjectNode handoff = card.putObject("handoff");
            handoff.put("from", lead.getHandoffFrom() == null ? null : displayName(lead.getHandoffFrom()));
            handoff.put("summary", lead.getHandoffSummary());
            handoff.put("at", lead.getHandoffAt() == null ? null : lead.getHandoffAt().toString());
        } else {
            card.putNull("handoff");
        }
        ObjectNode people = card.putObject("people");
        for (String variable : PEOPLE) {
            Object id = LeadLifecycle.VAR_OWNER.equals(variable) ? owner : task.getVariable(variable);
            if (id instanceof String user && !user.isBlank()) {
                people.put(variable, displayName(user));
            }
        }
        return card;
    }

    private ObjectNode person(String id) {
        if (id == null) {
            return null;
        }
        ObjectNode person = json.createObjectNode();
        person.put("id", id);
        person.put("name", displayName(id));
        return person;
    }

    /** The owner before the current one, from the ledger (a native query flushes this transaction's periods first). */
    private Optional<String> previousOwner(Lead lead) {
        List<?> owners = entityManager.createNativeQuery(
                        "select owner from baton_ownership_period where lead_id = ? and valid_to is not null order by valid_to desc, id desc")
                .setParameter(1, lead.getId()).setMaxResults(5).getResultList();
        return owners.stream().map(String::valueOf).filter(owner -> !owner.equals(lead.getOwner())).findFirst();
    }

    /**
     * "Sam Sterling" for {@code sam}. Read from the identity tables directly: the engine's user query
     * would apply the authorizations of whoever completed the previous task, and a rep may read only
     * their own user.
     */
    public String displayName(String userId) {
        List<?> rows = entityManager.createNativeQuery("select FIRST_, LAST_ from ACT_ID_USER where ID_ = ?")
                .setParameter(1, userId).getResultList();
        if (rows.isEmpty() || !(rows.get(0) instanceof Object[] row)) {
            return userId;
        }
        String name = String.join(" ", Stream.of(row).map(part -> part == null ? null : blankToNull(part.toString()))
                .filter(Objects::nonNull).toList());
        return name.isEmpty() ? userId : name;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
