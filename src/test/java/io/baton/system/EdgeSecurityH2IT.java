package io.baton.system;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:baton-edge;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class EdgeSecurityH2IT extends EdgeSecurityContract {
}
