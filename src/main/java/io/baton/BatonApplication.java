package io.baton;

import java.util.TimeZone;
import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableProcessApplication("baton")
public class BatonApplication {

    static {
        // The engine parses every timer's ISO-8601 duration with a new javax.xml DatatypeFactory. Without
        // this property each lookup scans the class path for a service provider (8 % of the job
        // executor's CPU in an escalation storm, bench/README.md); naming the JDK's own factory, the
        // one the scan ends with here, skips it. An operator's -D setting wins.
        if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
            System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        }
    }

    public static void main(String[] args) {
        // Timers, due dates and the ledger are instants; one zone on every node keeps them comparable.
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        SpringApplication.run(BatonApplication.class, args);
    }
}
