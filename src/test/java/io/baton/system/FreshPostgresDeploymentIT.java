package io.baton.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.PostgresDatabase;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real deployment as the README starts it: profile {@code postgres} alone, an empty database, no
 * demo team. Intake must say what is missing instead of failing, and the administrator's password
 * follows the configuration.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        "baton.security.admin-password=" + FreshPostgresDeploymentIT.ADMIN_PASSWORD})
@ActiveProfiles("postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FreshPostgresDeploymentIT {

    static final String ADMIN_PASSWORD = "Tundra-Marimba-Velcro-17";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresDatabase.register(registry, "baton_hygiene_fresh_it");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdentityService identityService;
    @Autowired
    AccountSeeder seeder;

    TestRestTemplate admin() {
        return http.withBasicAuth("admin", ADMIN_PASSWORD);
    }

    static HttpEntity<Object> json(Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    static Map<String, Object> lead() {
        return Map.of("email", "first@acme.example", "company", "Acme", "country", "DE", "source", "web", "employees", 40);
    }

    long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    @Test
    @Order(1)
    void intakeBeforeAnyTeamExistsNamesTheMissingTeamAndStoresNothing() {
        ResponseEntity<Map> refused = admin().postForEntity("/api/leads", json(lead()), Map.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody()).containsEntry("missingTeam", "sdr");
        assertThat(refused.getBody().get("detail").toString()).contains("create", "teams", "'sdr'").doesNotContain("Exception");
        assertThat(count("select count(*) from baton_lead")).isZero();
        assertThat(count("select count(*) from baton_ownership_period")).isZero();
        assertThat(count("select count(*) from ACT_RU_EXECUTION")).isZero();
        assertThat(count("select count(*) from ACT_HI_PROCINST")).isZero();
    }

    @Test
    @Order(2)
    void onceTheAdministratorCreatesTheTeamTheSameIntakeSucceeds() {
        User sam = identityService.newUser("sam");
        sam.setPassword("Quokka-Lantern-Fjord-88");
        identityService.saveUser(sam);

        assertThat(admin().exchange("/api/teams/sdr", HttpMethod.PUT, json(Map.of("managerId", "admin")), Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(admin().exchange("/api/team/sam", HttpMethod.PUT,
                json(Map.of("team", "sdr", "capacity", 1)), Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<Map> captured = admin().postForEntity("/api/leads", json(lead()), Map.class);

        assertThat(captured.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(captured.getBody()).containsEntry("owner", "sam");
        // A rep cannot create teams.
        assertThat(http.withBasicAuth("sam", "Quokka-Lantern-Fjord-88").exchange("/api/teams/ae", HttpMethod.PUT,
                json(Map.of("managerId", "sam")), Map.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    @Order(3)
    void aChangedAdminPasswordTakesEffectAtTheNextStart() {
        // As if the administrator had been seeded with an older BATON_ADMIN_PASSWORD.
        User stored = identityService.createUserQuery().userId("admin").singleResult();
        stored.setPassword("An-Older-Password-Of-Admin-1");
        identityService.saveUser(stored);
        // Checked directly: a failed login over HTTP would start Camunda's login delay for admin.
        assertThat(identityService.checkPassword("admin", "An-Older-Password-Of-Admin-1")).isTrue();

        seeder.seed();

        assertThat(admin().getForEntity("/api/team", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(identityService.checkPassword("admin", "An-Older-Password-Of-Admin-1")).isFalse();
    }
}
