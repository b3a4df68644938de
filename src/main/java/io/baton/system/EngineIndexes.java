package io.baton.system;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Creates the {@link EngineIndex}es the capabilities declare, once the engine's tables exist.
 * Two nodes starting at once may both try; the loser finds the index there.
 */
@Component
class EngineIndexes {

    private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

    private final JdbcTemplate jdbc;
    private final List<EngineIndex> indexes;

    EngineIndexes(JdbcTemplate jdbc, List<EngineIndex> indexes) {
        this.jdbc = jdbc;
        this.indexes = indexes;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensure() {
        for (EngineIndex index : indexes) {
            try {
                jdbc.execute(index.ddl());
                log.debug("Index {} on {} ({}) is in place", index.name(), index.table(), index.why());
            } catch (DataAccessException raced) {
                log.info("Index {} was being created by another node: {}", index.name(), raced.getMostSpecificCause().getMessage());
            }
        }
    }
}
