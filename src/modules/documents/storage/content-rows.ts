import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';

/** The digest's file under a folder: `ab/cd/abcd…`, so no directory grows past 65,536 entries. */
export const contentPath = (dir: string, sha256: string): string => join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Reads bytes from the row or from the folder, as the row says, and checks them against the digest. */
export async function loadContent(em: EntityManager, dir: string, sha256: string): Promise<Buffer> {
  const [row] = (await em.query(`select storage, content from document_content where sha256 = $1`, [sha256])) as Array<{
    storage: 'database' | 'folder';
    content: Buffer | null;
  }>;
  if (!row) throw new Error(`document content ${sha256} is missing`);
  const bytes = row.storage === 'database' ? Buffer.from(row.content!) : await readFile(contentPath(dir, sha256));
  if (sha256Of(bytes) !== sha256) throw new Error(`document content ${sha256} does not match its digest`);
  return bytes;
}

export async function contentExists(em: EntityManager, sha256: string): Promise<boolean> {
  const rows = (await em.query(`select 1 from document_content where sha256 = $1`, [sha256])) as unknown[];
  return rows.length > 0;
}
