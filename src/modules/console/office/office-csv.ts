/**
 * CSV as Italian Excel opens it: UTF-8 with a BOM (else accents break), `;` between fields
 * (the comma is the decimal separator), CRLF line ends, fields quoted when they need it.
 */
export function italianCsv(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  const cell = (v: string | number | null): string => {
    const text = v === null ? '' : typeof v === 'number' ? String(v).replace('.', ',') : v;
    // A leading = + - @ would be a formula in a spreadsheet (CSV injection): neutralised with a quote.
    const safe = /^[=+\-@\t\r]/.test(text) && typeof v === 'string' ? `'${text}` : text;
    return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `\uFEFF${[headers, ...rows].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}
