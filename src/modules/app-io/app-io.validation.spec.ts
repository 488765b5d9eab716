import { ioExtrasProblems, ioMessageBody, ioMessageProblems, IO_LIMITS } from './app-io.validation';

const fields = (body: unknown) => ioMessageProblems(body).map((e) => e.field).sort();
const message = (over: Partial<Parameters<typeof ioMessageBody>[0]> = {}) =>
  ioMessageBody({ fiscalCode: 'RSSMRA80A01H501U', subject: 'Pratica presa in carico', markdown: 'x'.repeat(IO_LIMITS.markdown.min), ...over });

describe("App IO message limits (IO's NewMessage)", () => {
  it('given a message within the limits, when checked, then there is no problem', () => {
    expect(ioMessageProblems(message())).toEqual([]);
    expect(ioMessageProblems(message({ subject: 's'.repeat(120), markdown: 'm'.repeat(10_000) }))).toEqual([]);
  });

  it('given a subject of 9 or 121 characters and a markdown of 79 or 10,001, when checked, then both fields are named with the limits', () => {
    expect(fields(message({ subject: 's'.repeat(9), markdown: 'm'.repeat(79) }))).toEqual(['content.markdown', 'content.subject']);
    const problems = ioMessageProblems(message({ subject: 's'.repeat(121), markdown: 'm'.repeat(10_001) }));
    expect(problems).toEqual([
      { field: 'content.subject', message: 'da 10 a 120 caratteri' },
      { field: 'content.markdown', message: 'da 80 a 10000 caratteri' },
    ]);
  });

  it('given characters outside the BMP, when counted, then each counts once (as IO counts code points)', () => {
    expect(ioMessageProblems(message({ subject: '🌧'.repeat(10) }))).toEqual([]);
  });

  it('given a bad fiscal code, due date and payment data, when checked, then each field is named', () => {
    const body = message({ fiscalCode: 'RSSMRA80A01H501', dueDate: '2026-12-31', paymentData: { amount: 0, noticeNumber: '412345678901234567', payeeFiscalCode: '123' } });
    expect(fields(body)).toEqual(['content.due_date', 'content.payment_data.amount', 'content.payment_data.notice_number', 'content.payment_data.payee.fiscal_code', 'fiscal_code']);
  });

  it('given a valid notice to pay, when checked, then it passes and goes on the wire in snake case', () => {
    const body = message({ dueDate: '2026-12-31T23:59:59Z', paymentData: { amount: 1600, noticeNumber: '301000000000000017', invalidAfterDueDate: true, payeeFiscalCode: '01234567890' } });
    expect(ioMessageProblems(body)).toEqual([]);
    expect(body.content).toMatchObject({ due_date: '2026-12-31T23:59:59Z', payment_data: { amount: 1600, notice_number: '301000000000000017', invalid_after_due_date: true, payee: { fiscal_code: '01234567890' } } });
  });

  it('given extras that are not an object, when checked before queueing, then payment_data is named', () => {
    expect(ioExtrasProblems({ paymentData: 'x' }, 'io.')).toEqual([{ field: 'io.payment_data', message: 'campo obbligatorio' }]);
  });
});
