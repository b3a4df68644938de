package io.baton.handoff;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** {@code ${handoffPolicy.maxRejections}}: bounces allowed before the receiver's manager decides. */
@Component("handoffPolicy")
public class HandoffPolicy {

    private final int maxRejections;

    HandoffPolicy(@Value("${baton.handoff.max-rejections:2}") int maxRejections) {
        if (maxRejections < 0) {
            throw new IllegalArgumentException("baton.handoff.max-rejections must be 0 or more, got " + maxRejections);
        }
        this.maxRejections = maxRejections;
    }

    public int getMaxRejections() {
        return maxRejections;
    }
}
