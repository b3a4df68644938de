package io.baton.testing;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/** What an HTTP contract test needs: Baton behind a real port, a demo user's Basic login, JSON bodies, the database. */
public abstract class ApiContract {

    @Autowired
    protected TestRestTemplate http;

    @Autowired
    protected JdbcTemplate jdbc;

    /** A demo user; the password is the user id. */
    protected TestRestTemplate as(String user) {
        return http.withBasicAuth(user, user);
    }

    protected static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    /** A valid lead for {@code POST /api/leads}. */
    protected static String lead(String externalId, String email) {
        return """
                {"externalId": %s, "email": "%s", "firstName": "Ann", "company": "Acme GmbH", "country": "DE", "source": "web", "employees": 120}"""
                .formatted(externalId == null ? "null" : "\"" + externalId + "\"", email);
    }
}
