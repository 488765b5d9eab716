import { acceptAdmits, claimsOtherType, cleanFileName, detectFormat } from './content-type';

const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const exe = Buffer.from('MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode', 'latin1');
const html = Buffer.from('<!doctype html><html><script>alert(1)</script></html>');

describe('detectFormat', () => {
  it.each([
    ['a PDF', pdf, 'application/pdf'],
    ['a PNG', png, 'image/png'],
    ['a JPEG', jpeg, 'image/jpeg'],
  ])('given %s, when sniffed, then its media type comes from the content', (_label, bytes, expected) => {
    // given / when
    const format = detectFormat(bytes);

    // then
    expect(format?.mediaType).toBe(expected);
  });

  it.each([
    ['a Windows executable', exe],
    ['an HTML page', html],
    ['a PDF signature alone', Buffer.from('%PDF-')],
    ['an empty file', Buffer.alloc(0)],
  ])('given %s, when sniffed, then it is no accepted format', (_label, bytes) => {
    // given / when / then
    expect(detectFormat(bytes)).toBeNull();
  });
});

describe('claimsOtherType', () => {
  it('given a PNG named .pdf, when checked, then the name claims another type', () => {
    // given / when / then
    expect(claimsOtherType('planimetria.pdf', 'application/pdf', detectFormat(png)!)).toBe(true);
  });

  it('given a PDF declared as octet-stream and named in upper case, when checked, then nothing contradicts it', () => {
    // given / when / then
    expect(claimsOtherType('PLANIMETRIA.PDF', 'application/octet-stream', detectFormat(pdf)!)).toBe(false);
    expect(claimsOtherType('foto.JPG', 'image/jpg', detectFormat(jpeg)!)).toBe(false);
  });

  it('given a PDF named .html, when checked, then the name claims another type', () => {
    // given / when / then
    expect(claimsOtherType('pagina.html', 'text/html', detectFormat(pdf)!)).toBe(true);
  });
});

describe('acceptAdmits and cleanFileName', () => {
  it('given form-js accept lists, when a stored file is checked, then extensions, types and wildcards are honoured', () => {
    // given / when / then
    expect(acceptAdmits('.pdf', 'a.PDF', 'application/pdf')).toBe(true);
    expect(acceptAdmits('image/*', 'a.png', 'image/png')).toBe(true);
    expect(acceptAdmits('.pdf, image/jpeg', 'a.png', 'image/png')).toBe(false);
    expect(acceptAdmits('', 'a.png', 'image/png')).toBe(true);
  });

  it('given a browser path and control characters, when cleaned, then only the base name is kept', () => {
    // given / when / then
    expect(cleanFileName('C:\\fakepath\\piantina\u0007.pdf')).toBe('piantina.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
  });
});
