const FORMAT = new Intl.DateTimeFormat('it-IT', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `2026-04-07` → "7 aprile 2026". */
export const italianDay = (d: string): string => FORMAT.format(new Date(`${d}T00:00:00Z`));
