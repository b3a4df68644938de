package io.baton.lead;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface LeadPauseRepository extends JpaRepository<LeadPause, Long> {

    Optional<LeadPause> findFirstByLeadIdAndResumedAtIsNullOrderBySinceDesc(String leadId);

    List<LeadPause> findByLeadIdOrderBySinceAsc(String leadId);
}
