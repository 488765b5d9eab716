import { readPdf } from '../../../../test/support/pdf-text';
import { parseContent } from './document-content';
import { renderPdf } from './pdf-renderer';

describe('renderPdf', () => {
  it('given structured content, when rendered, then the PDF/A-2b file shows its text in embedded Titillium Web with a QR code', async () => {
    // given
    const content = parseContent(
      ['# Ricevuta di presentazione', '! Protocollo n. 0000042/2026', '## Domanda', '- Codice pratica :: SP-ABCDE-FGHJK', 'Perché è così: àèìòù €', '% Verifica: http://localhost:3000/documenti/verifica/abc'].join('\n'),
    );

    // when
    const pdf = await renderPdf(content, 'http://localhost:3000/documenti/verifica/abc', { title: 'Ricevuta', subject: 'Prova', author: 'Comune', createdAt: new Date('2026-03-02T10:00:00Z') });

    // then
    const read = readPdf(pdf);
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    const flat = read.text.replace(/\s+/g, ' ');
    for (const expected of ['Ricevuta di presentazione', 'Protocollo n. 0000042/2026', 'Codice pratica', 'SP-ABCDE-FGHJK', 'Perché è così: àèìòù €', 'Verifica: http://localhost:3000/documenti/verifica/abc']) {
      expect(flat).toContain(expected);
    }
    expect(read.embeddedFonts).toEqual(expect.arrayContaining([expect.stringMatching(/^[A-Z]{6}\+TitilliumWeb-Regular$/), expect.stringMatching(/^[A-Z]{6}\+TitilliumWeb-SemiBold$/)]));
    expect(read.xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(read.xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(read.hasOutputIntent).toBe(true);
    expect(read.images).toBeGreaterThanOrEqual(1);
    expect(pdf.toString('latin1')).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  }, 30_000);
});
