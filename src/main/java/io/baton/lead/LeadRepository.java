package io.baton.lead;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

public interface LeadRepository extends JpaRepository<Lead, String> {

    /**
     * Leads that already hold this identity: the external id, the email of an open lead, or the
     * email of an unsubscribed one. One indexed query per intake; it does not flush pending changes
     * first, since identities are written at insert (saveAndFlush) and never change while a lead is open.
     */
    @QueryHints(@QueryHint(name = HibernateHints.HINT_FLUSH_MODE, value = "COMMIT"))
    @Query("select l from Lead l where l.externalId = ?1 or l.openEmail = ?2 or l.suppressedEmail = ?2")
    List<Lead> findByIdentity(String externalId, String email);

    /** The contact's latest closed lead: a new lifecycle of the same contact links to it. */
    default Optional<Lead> findPredecessor(String email) {
        return findFirstByContactEmailAndStatusNotOrderByClosedAtDescCreatedAtDesc(email, LeadStatus.OPEN);
    }

    Optional<Lead> findFirstByContactEmailAndStatusNotOrderByClosedAtDescCreatedAtDesc(String email, LeadStatus status);

    List<Lead> findBySuppressedEmail(String email);

    /** Unsubscribed leads whose suppression was not lifted: the suppression list's own part. */
    List<Lead> findBySuppressedEmailIsNotNull();

    List<Lead> findByOpenEmailIn(Collection<String> emails);

    /** [id, open email] of every open lead: a domain on the suppression list is matched against their hosts. */
    @Query("select l.id, l.openEmail from Lead l where l.openEmail is not null")
    List<Object[]> findOpenEmails();

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select l from Lead l where l.id = ?1")
    Optional<Lead> lockById(String id);

    @Query("select l from Lead l where (?1 is null or l.owner = ?1) and (?2 is null or l.status = ?2)")
    Page<Lead> search(String owner, LeadStatus status, Pageable pageable);

    long countByStatus(LeadStatus status);

    @Query("select count(l) from Lead l where l.status = io.baton.lead.LeadStatus.OPEN and l.owner is null")
    long countOpenWithoutOwner();

    List<Lead> findByOwnerAndStatus(String owner, LeadStatus status);

    /** The company's other leads with this status, oldest first. */
    List<Lead> findByAccountDomainAndStatusAndIdNotOrderByCreatedAtAscIdAsc(String accountDomain, LeadStatus status, String id);
}
