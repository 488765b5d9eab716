import { createHash } from 'node:crypto';
import { renderDailyRegister } from './daily-register.renderer';
import { ProtocolEntry } from './protocol.types';

const entry = (number: string, subject: string): ProtocolEntry => ({
  id: `00000000-0000-4000-8000-00000000000${Number(number)}`,
  aoo: 'c_test',
  register: 'PG',
  year: 2026,
  number,
  registeredAt: new Date('2026-03-02T09:00:00Z'),
  direction: 'in',
  channel: 'web',
  correspondent: { name: 'Rossi, Mario', fiscalCode: null, email: null },
  subject,
  office: 'anagrafe',
  caseId: null,
  documents: [],
  senderReference: null,
  identification: null,
  registeredBy: null,
  annulment: null,
});

describe('daily register rendering', () => {
  it('given entries out of order, when rendered twice, then the document is sorted and its digest stable', () => {
    // given
    const input = { date: '2026-03-02', aoo: 'c_test', register: 'PG', annulments: [] };
    // when
    const first = renderDailyRegister({ ...input, entries: [entry('0000002', 'B'), entry('0000001', 'A')] });
    const second = renderDailyRegister({ ...input, entries: [entry('0000001', 'A'), entry('0000002', 'B')] });
    // then
    expect(first.entries.map((e) => e.number)).toEqual(['0000001', '0000002']);
    expect(first.json).toBe(second.json);
    expect(first.digest).toBe(createHash('sha256').update(first.json).digest('hex'));
    expect(JSON.parse(first.json).entries[0].registeredAt).toBe('2026-03-02T10:00:00.000+01:00');
  });

  it('given a comma, a quote and a formula in a subject, when rendered as CSV, then cells are quoted and defused', () => {
    // when
    const out = renderDailyRegister({
      date: '2026-03-02',
      aoo: 'c_test',
      register: 'PG',
      entries: [entry('0000001', '=HYPERLINK("x")')],
      annulments: [],
    });
    // then
    const row = out.csv.split('\r\n')[1];
    expect(row).toContain('"Rossi, Mario"');
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(out.csvDigest).toBe(createHash('sha256').update(out.csv).digest('hex'));
  });
});
