package io.baton;

import java.util.TimeZone;
import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableProcessApplication("baton")
public class BatonApplication {

    public static void main(String[] args) {
        // Timers, due dates and the ledger are instants; one zone on every node keeps them comparable.
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        SpringApplication.run(BatonApplication.class, args);
    }
}
