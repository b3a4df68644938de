package io.baton.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

@Entity
@Table(name = "baton_lead")
public class Lead {

    @Id
    private String id;
    private String externalId;
    private String email;
    private String openEmail;
    /** Lower-cased email of an unsubscribed lead: the contact is not captured again. */
    private String suppressedEmail;
    /** Lower-cased email, kept after the lead closes: a later lead of the same contact links back to this one. */
    private String contactEmail;
    /** The contact's earlier lead (lost, or unsubscribed and re-consented) this lifecycle follows, if any. */
    private String previousLeadId;
    private String firstName;
    private String lastName;
    private String company;
    private String country;
    private String source;
    private Integer employees;
    private String owner;
    @Enumerated(EnumType.STRING)
    private LeadStatus status;
    private String stage;
    private Instant createdAt;
    private Instant closedAt;
    /** The company's normalised domain ({@link AccountDomains}); null for free-mail addresses. */
    private String accountDomain;
    @Embedded
    private LeadRouting routing;
    private String handoffSummary;
    private String handoffFrom;
    private Instant handoffAt;
    @Version
    @Column(nullable = false)
    private long version;

    protected Lead() {
    }

    Lead(LeadRequest request, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.externalId = request.externalId();
        this.firstName = request.firstName();
        this.lastName = request.lastName();
        this.country = request.country() == null ? null : request.country().toUpperCase(Locale.ROOT);
        this.source = request.source();
        this.employees = request.employees();
        this.status = LeadStatus.OPEN;
        this.stage = "captured";
        this.createdAt = now;
        setEmail(request.email());
        this.company = blankToNull(request.company());
    }

    public void correct(String email, String firstName, String lastName, String company, String country, Integer employees) {
        if (email != null && !email.isBlank()) {
            setEmail(email);
        }
        this.firstName = firstName;
        this.lastName = lastName;
        this.company = blankToNull(company);
        this.country = country == null || !new IsoCountry.Validator().isValid(country, null) ? null : country.toUpperCase(Locale.ROOT);
        this.employees = employees;
    }

    private void setEmail(String email) {
        this.email = email.strip();
        this.openEmail = status == LeadStatus.OPEN ? normalizeEmail(email) : null;
        this.contactEmail = normalizeEmail(email);
    }

    static String normalizeEmail(String email) {
        // NFKC: a composed and a decomposed 'ö', or a full-width letter, are the same address for duplicates.
        return Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public void close(LeadStatus finalStatus, Instant now) {
        this.status = finalStatus;
        this.closedAt = now;
        this.openEmail = null;
        this.suppressedEmail = finalStatus == LeadStatus.UNSUBSCRIBED ? normalizeEmail(email) : null;
        this.owner = null;
        this.stage = "closed";
    }

    void follow(Lead previous) {
        this.previousLeadId = previous.getId();
    }

    boolean suppressesContact() {
        return suppressedEmail != null;
    }

    String getSuppressedEmail() {
        return suppressedEmail;
    }

    /** Re-consent: the contact may be captured again; the lead itself stays closed. */
    void liftSuppression() {
        this.suppressedEmail = null;
    }

    public boolean isOpen() {
        return status == LeadStatus.OPEN;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    void joinAccount(String accountDomain) {
        this.accountDomain = accountDomain;
    }

    /** Records why the routing step chose the current owner; a later routing of the lead replaces it. */
    public void routed(LeadRouting routing) {
        this.routing = routing;
    }

    public void setStage(String stage) {
        this.stage = stage;
    }

    /** An accepted handoff: the sender's context summary travels with the lead to every later task. */
    public void handedOver(String from, String summary, Instant at) {
        this.handoffFrom = from;
        this.handoffSummary = summary == null || summary.isBlank() ? null : summary.strip();
        this.handoffAt = at;
    }

    public String getHandoffSummary() { return handoffSummary; }
    public String getHandoffFrom() { return handoffFrom; }
    public Instant getHandoffAt() { return handoffAt; }

    public String getId() { return id; }
    public String getExternalId() { return externalId; }
    public String getEmail() { return email; }
    public String getFirstName() { return firstName; }
    public String getLastName() { return lastName; }
    public String getCompany() { return company; }
    public String getCountry() { return country; }
    public String getSource() { return source; }
    public Integer getEmployees() { return employees; }
    public String getOwner() { return owner; }
    public LeadStatus getStatus() { return status; }
    public String getStage() { return stage; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getClosedAt() { return closedAt; }
    public String getPreviousLeadId() { return previousLeadId; }
    public String getAccountDomain() { return accountDomain; }
    public LeadRouting getRouting() { return routing; }
}
