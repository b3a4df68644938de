package io.baton.lead;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface LeadRepository extends JpaRepository<Lead, String> {

    Optional<Lead> findByExternalId(String externalId);

    Optional<Lead> findByOpenEmail(String openEmail);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select l from Lead l where l.id = ?1")
    Optional<Lead> lockById(String id);

    @Query("select l from Lead l where (?1 is null or l.owner = ?1) and (?2 is null or l.status = ?2)")
    Page<Lead> search(String owner, LeadStatus status, Pageable pageable);

    long countByStatus(LeadStatus status);

    @Query("select count(l) from Lead l where l.status = io.baton.lead.LeadStatus.OPEN and l.owner is null")
    long countOpenWithoutOwner();

    java.util.List<Lead> findByOwnerAndStatus(String owner, LeadStatus status);
}
