import { CONSOLE_MESSAGES as M } from './console.messages';

export type DeadlineRisk = 'overdue' | 'near' | 'ok' | 'none';

/** Days before the legal deadline at which a task counts as near it. */
export const NEAR_DAYS = 5;

/** Today's calendar day in Rome (the legal clock's zone), as YYYY-MM-DD. */
export function romeToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Whole calendar days from `today` to `due` (both YYYY-MM-DD): negative when past. */
export function daysBetween(today: string, due: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/**
 * The inbox's risk of a legal deadline: past it, within NEAR_DAYS of it (the deadline day
 * included), or in time. The page shows it as a colour and always as text too.
 */
export function deadlineRisk(due: string | null, today: string): { risk: DeadlineRisk; label: string; badge: string; daysLeft: number | null } {
  if (!due) return { risk: 'none', label: M.risk.none, badge: 'bg-secondary', daysLeft: null };
  const daysLeft = daysBetween(today, due);
  if (daysLeft < 0) return { risk: 'overdue', label: M.risk.overdue, badge: 'bg-danger', daysLeft };
  if (daysLeft <= NEAR_DAYS) return { risk: 'near', label: M.risk.near, badge: 'bg-warning text-dark', daysLeft };
  return { risk: 'ok', label: M.risk.ok, badge: 'bg-success', daysLeft };
}
