import { avvisoQr, renderAvvisoPdf } from './avviso-pdf';

describe('avviso di pagamento', () => {
  const model = {
    creditor: { name: 'Comune di Esempio', fiscalCode: '01234567890' },
    debtor: { name: 'Mario Rossi', fiscalCode: 'RSSMRA80A01H501U' },
    description: 'Canone occupazione suolo pubblico - pratica OSP-1',
    amount: 31240,
    dueDate: new Date('2026-07-01T10:00:00Z'),
    noticeNumber: '301202600000000103',
    paid: false,
    createdAt: new Date('2026-06-01T10:00:00Z'),
  };

  it('given a notice, when building the QR content, then it follows PAGOPA|002|NAV|EC CF|cents', () => {
    expect(avvisoQr(model)).toBe('PAGOPA|002|301202600000000103|01234567890|31240');
  });

  it('given a notice, when rendering, then the PDF is PDF/A with the creditor as author', async () => {
    const pdf = await renderAvvisoPdf(model);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-1.7')).toBe(true);
    expect(text).toContain('pdfaid:part');
    expect(pdf.length).toBeGreaterThan(5000);
  });
});
