package io.baton.ownership;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface TeamMemberRepository extends JpaRepository<TeamMember, String> {

    List<TeamMember> findByTeamOrderByUserId(String team);
}
