import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { AVVISO_TEXT as T } from './avviso.messages';

const FONTS_DIR = join(dirname(require.resolve('bootstrap-italia/package.json')), 'dist', 'fonts', 'Titillium_Web');
const FONT = { regular: join(FONTS_DIR, 'titillium-web-v10-latin-ext_latin-regular.ttf'), semibold: join(FONTS_DIR, 'titillium-web-v10-latin-ext_latin-600.ttf') };

export interface AvvisoModel {
  creditor: { name: string; fiscalCode: string };
  debtor: { name: string; fiscalCode: string };
  description: string;
  /** Euro cents. */
  amount: number;
  dueDate: Date;
  noticeNumber: string;
  paid: boolean;
  createdAt: Date;
}

/** The pagoPA QR content (avviso v2): PAGOPA|002|<NAV>|<EC CF>|<amount cents>. */
export const avvisoQr = (m: Pick<AvvisoModel, 'noticeNumber' | 'creditor' | 'amount'>): string => `PAGOPA|002|${m.noticeNumber}|${m.creditor.fiscalCode}|${m.amount}`;

const euro = (cents: number) => new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' }).format(cents / 100);
const day = (d: Date) => new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
/** NAV in groups of four, as printed on avvisi. */
const grouped = (nav: string) => nav.replace(/(\d{4})(?=\d)/g, '$1 ');

/** The avviso di pagamento as PDF/A-2b, Titillium Web embedded, QR version 4 ECC M. */
export async function renderAvvisoPdf(m: AvvisoModel): Promise<Buffer> {
  const qr = await QRCode.toBuffer(avvisoQr(m), { type: 'png', version: 4, errorCorrectionLevel: 'M', margin: 1, width: 360 });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    font: FONT.regular,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: 'it-IT',
    displayTitle: true,
    info: { Title: `${T.title} ${m.noticeNumber}`, Subject: m.description, Author: m.creditor.name, Creator: 'Sportello', Producer: 'Sportello (pdfkit)', CreationDate: m.createdAt, ModDate: m.createdAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONT.regular);
  doc.registerFont('semibold', FONT.semibold);
  doc.font('semibold').fontSize(18).fillColor('#0066cc').text(T.title);
  doc.moveDown(0.5);
  const row = (label: string, value: string) => {
    doc.font('regular').fontSize(9).fillColor('#5c6f82').text(label);
    doc.font('semibold').fontSize(12).fillColor('#1a1a1a').text(value);
    doc.moveDown(0.3);
  };
  row(T.creditor, m.creditor.name);
  row(T.creditorFiscalCode, m.creditor.fiscalCode);
  row(T.debtor, m.debtor.name);
  row(T.debtorFiscalCode, m.debtor.fiscalCode);
  row(T.subject, m.description);
  row(T.amount, euro(m.amount));
  row(T.dueDate, day(m.dueDate));
  row(T.noticeNumber, grouped(m.noticeNumber));
  if (m.paid) doc.font('semibold').fontSize(12).fillColor('#008758').text(T.paid);
  doc.moveDown(0.5);
  const y = doc.y;
  doc.image(qr, 56, y, { width: 120, height: 120 });
  doc.font('regular').fontSize(9).fillColor('#5c6f82').text(T.qrCaption, 190, y + 10, { width: 350 });
  doc.font('regular').fontSize(10).fillColor('#1a1a1a').text(T.howTo, 56, y + 140, { width: 483 });
  doc.end();
  return done;
}
