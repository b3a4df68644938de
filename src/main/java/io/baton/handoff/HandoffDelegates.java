package io.baton.handoff;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The named verbs {@code lead-handoff} calls. */
@Configuration
class HandoffDelegates {

    @Bean
    JavaDelegate checklistGate(HandoffSteps steps) {
        return steps::gate;
    }

    @Bean
    JavaDelegate routeReceiver(HandoffSteps steps) {
        return steps::routeReceiver;
    }

    @Bean
    JavaDelegate transferOwnership(HandoffSteps steps) {
        return steps::transferOwnership;
    }

    @Bean
    JavaDelegate recordRejection(HandoffSteps steps) {
        return steps::recordRejection;
    }

    @Bean
    JavaDelegate applyResolution(HandoffSteps steps) {
        return steps::applyResolution;
    }
}
