import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { DocumentContent } from './document-content';

const FONTS_DIR = join(dirname(require.resolve('bootstrap-italia/package.json')), 'dist', 'fonts', 'Titillium_Web');
export const FONT_FILES = {
  regular: join(FONTS_DIR, 'titillium-web-v10-latin-ext_latin-regular.ttf'),
  semibold: join(FONTS_DIR, 'titillium-web-v10-latin-ext_latin-600.ttf'),
};

export interface PdfMetadata {
  title: string;
  subject: string;
  author: string;
  createdAt: Date;
}

const PAGE = { margin: 56, width: 595.28, height: 841.89 };
const INK = '#1a1a1a';
const ACCENT = '#0066cc';
const MUTED = '#5c6f82';
const LABEL_WIDTH = 170;
const QR_SIZE = 96;

/**
 * Lays out a document's content on A4 as PDF/A-2b (pdfkit's `subset`: XMP identification and an
 * sRGB output intent), with Titillium Web embedded (subset) and a QR code to `qrUrl`.
 */
export async function renderPdf(content: DocumentContent, qrUrl: string, meta: PdfMetadata): Promise<Buffer> {
  const qr = await QRCode.toBuffer(qrUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 360, color: { dark: '#000000', light: '#ffffff' } });
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    // PDF/A wants every font embedded: start with Titillium, so pdfkit's Helvetica default is never used.
    font: FONT_FILES.regular,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: 'it-IT',
    displayTitle: true,
    info: { Title: meta.title, Subject: meta.subject, Author: meta.author, Creator: 'Sportello', Producer: 'Sportello (pdfkit)', CreationDate: meta.createdAt, ModDate: meta.createdAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONT_FILES.regular);
  doc.registerFont('semibold', FONT_FILES.semibold);
  const contentWidth = PAGE.width - 2 * PAGE.margin;

  // Stamp (segnatura) at the top right, title at the left beside it.
  const stampWidth = 200;
  const stampX = PAGE.width - PAGE.margin - stampWidth;
  const top = PAGE.margin;
  doc.font('regular').fontSize(9);
  const stampHeight = content.stamp.reduce((h, line) => h + doc.heightOfString(line, { width: stampWidth - 16 }) + 2, 12);
  doc.lineWidth(1).strokeColor(ACCENT).rect(stampX, top, stampWidth, stampHeight).stroke();
  let y = top + 6;
  content.stamp.forEach((line, i) => {
    doc.font(i === 1 ? 'semibold' : 'regular').fillColor(INK).text(line, stampX + 8, y, { width: stampWidth - 16 });
    y = doc.y + 2;
  });
  doc.font('semibold').fontSize(18).fillColor(INK).text(content.title, PAGE.margin, top, { width: contentWidth - stampWidth - 16 });
  doc.y = Math.max(doc.y, top + stampHeight) + 18;

  for (const section of content.sections) {
    if (section.heading) {
      ensureSpace(doc, 40);
      doc.moveDown(0.6).font('semibold').fontSize(12.5).fillColor(ACCENT).text(section.heading, PAGE.margin, doc.y, { width: contentWidth });
      doc.moveTo(PAGE.margin, doc.y + 2).lineTo(PAGE.margin + contentWidth, doc.y + 2).lineWidth(0.5).strokeColor(MUTED).stroke();
      doc.y += 6;
    }
    for (const block of section.blocks) {
      if (block.kind === 'text') {
        doc.font('regular').fontSize(10).fillColor(INK).text(block.text, PAGE.margin, doc.y, { width: contentWidth, align: 'left' });
        doc.y += 4;
        continue;
      }
      doc.font('regular').fontSize(10);
      const height = Math.max(doc.heightOfString(block.label, { width: LABEL_WIDTH - 8 }), doc.heightOfString(block.value, { width: contentWidth - LABEL_WIDTH }));
      ensureSpace(doc, height + 4);
      const rowY = doc.y;
      doc.fillColor(MUTED).text(block.label, PAGE.margin, rowY, { width: LABEL_WIDTH - 8 });
      doc.fillColor(INK).text(block.value, PAGE.margin + LABEL_WIDTH, rowY, { width: contentWidth - LABEL_WIDTH });
      doc.y = rowY + height + 4;
    }
  }

  // QR code with its notes, kept together at the end.
  ensureSpace(doc, QR_SIZE + 24);
  const qrY = doc.y + 16;
  doc.image(qr, PAGE.margin, qrY, { width: QR_SIZE, height: QR_SIZE });
  doc.font('regular').fontSize(9).fillColor(MUTED);
  let noteY = qrY + 4;
  for (const note of content.notes) {
    doc.text(note, PAGE.margin + QR_SIZE + 16, noteY, { width: contentWidth - QR_SIZE - 16 });
    noteY = doc.y + 4;
  }
  doc.end();
  return done;
}

function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > PAGE.height - PAGE.margin) doc.addPage();
}
