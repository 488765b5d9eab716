export { LegalClockService, CLOCK_EVENTS } from './legal-clock.service';
export { BusinessCalendar } from './business-calendar';
export { computeClock, maySuspend, SUSPENSION_RULES } from './legal-clock';
export type { ClockState, Suspension, SuspensionKind } from './legal-clock';
export { romeDateOf } from './calendar-date';
export type { CalendarDate } from './calendar-date';
export { ClockResumptionJob } from './clock-resumption.job';
