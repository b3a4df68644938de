package io.baton.lead;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface SuppressionRepository extends JpaRepository<Suppression, Long> {

    /** The entries that hold this address: the address itself, or its domain or a parent domain of it. */
    @Query("select s from Suppression s where s.email = ?1 or s.domain in ?2")
    List<Suppression> findHolding(String email, Collection<String> domains);

    Optional<Suppression> findByEmail(String email);

    Optional<Suppression> findByDomain(String domain);

    List<Suppression> findByEmailIn(Collection<String> emails);

    List<Suppression> findByDomainIn(Collection<String> domains);

    List<Suppression> findAllByOrderByCreatedAtAscIdAsc();
}
