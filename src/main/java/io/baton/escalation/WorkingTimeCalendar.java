package io.baton.escalation;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.springframework.stereotype.Component;

/**
 * Camunda's business calendar mechanism, fed by {@code baton.sla.business-hours}: every timer
 * duration counts working time only when business hours are configured.
 */
@Component
class WorkingTimeCalendar extends AbstractProcessEnginePlugin {

    private final WorkingTime workingTime;
    private final Clock clock;

    WorkingTimeCalendar(WorkingTime workingTime, Clock clock) {
        this.workingTime = workingTime;
        this.clock = clock;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (workingTime.isRoundTheClock()) {
            return;
        }
        MapBusinessCalendarManager calendars = new MapBusinessCalendarManager();
        calendars.addBusinessCalendar(DurationBusinessCalendar.NAME, new DurationBusinessCalendar() {
            @Override
            public Date resolveDuedate(String duedate, Date startDate) {
                Date start = startDate == null ? Date.from(clock.instant()) : startDate;
                try {
                    return Date.from(workingTime.add(start.toInstant(), Duration.parse(duedate)));
                } catch (RuntimeException notAPlainDuration) {
                    return super.resolveDuedate(duedate, startDate);
                }
            }
        });
        calendars.addBusinessCalendar(DueDateBusinessCalendar.NAME, new DueDateBusinessCalendar());
        calendars.addBusinessCalendar(CycleBusinessCalendar.NAME, new CycleBusinessCalendar());
        configuration.setBusinessCalendarManager(calendars);
    }
}
