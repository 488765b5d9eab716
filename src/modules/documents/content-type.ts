/**
 * Which of the accepted formats a file is, judged by its first bytes (magic numbers), never by its
 * name or by what the client declared: a `.pdf` holding an executable or an HTML page is none.
 */
export interface AcceptedFormat {
  mediaType: string;
  extensions: string[];
  magic: number[];
}

export const ACCEPTED_FORMATS: readonly AcceptedFormat[] = [
  { mediaType: 'application/pdf', extensions: ['pdf'], magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mediaType: 'image/png', extensions: ['png'], magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], magic: [0xff, 0xd8, 0xff] },
];

export function detectFormat(bytes: Buffer): AcceptedFormat | null {
  return ACCEPTED_FORMATS.find((f) => bytes.length > f.magic.length && f.magic.every((b, i) => bytes[i] === b)) ?? null;
}

/** The accepted format a file name's extension or a declared media type claims, if any. */
export function claimedFormat(fileName: string, declaredType?: string): AcceptedFormat | null {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase();
  const byName = extension ? ACCEPTED_FORMATS.find((f) => f.extensions.includes(extension)) : undefined;
  if (byName) return byName;
  const declared = declaredType?.split(';')[0]?.trim().toLowerCase();
  return ACCEPTED_FORMATS.find((f) => f.mediaType === declared) ?? null;
}

/**
 * Whether a name or declared type claims some *other* kind of file than the one detected
 * (`relazione.pdf` holding a PNG, or a name ending in `.exe`/`.html`).
 */
export function claimsOtherType(fileName: string, declaredType: string | undefined, detected: AcceptedFormat): boolean {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension && !detected.extensions.includes(extension)) return true;
  const declared = declaredType?.split(';')[0]?.trim().toLowerCase();
  if (!declared || declared === 'application/octet-stream') return false;
  return declared !== detected.mediaType && !(detected.mediaType === 'image/jpeg' && declared === 'image/jpg');
}

/**
 * form-js `accept` (the HTML attribute: extensions and media types, `image/*` wildcards), checked
 * against a stored file. An empty or missing accept admits everything.
 */
export function acceptAdmits(accept: string | undefined, fileName: string, mediaType: string): boolean {
  const tokens = (accept ?? '').split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
  if (tokens.length === 0) return true;
  const name = fileName.toLowerCase();
  return tokens.some((t) =>
    t.startsWith('.') ? name.endsWith(t) : t.endsWith('/*') ? mediaType.startsWith(t.slice(0, -1)) : t === mediaType,
  );
}

/** The last path segment of a client file name (browsers send `C:\fakepath\x.pdf`), without control characters. */
export function cleanFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
}
