import type { EntityManager } from 'typeorm';

export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');

/**
 * Where document bytes live, addressed by their SHA-256. Every call takes the caller's
 * transaction: when it commits, the `document_content` row and its bytes both exist; when it
 * rolls back, at most an unreferenced file is left behind, never a row without its bytes.
 * Callers hold `lockDigest` for the digest before storing or discarding it.
 */
export interface DocumentStorage {
  readonly kind: 'database' | 'folder';
  /** Stores the bytes under their digest unless already stored (idempotent). */
  store(em: EntityManager, sha256: string, bytes: Buffer): Promise<void>;
  /** The bytes stored under the digest, checked against it; whichever adapter wrote them. */
  load(em: EntityManager, sha256: string): Promise<Buffer>;
  /** After the digest's content row has been deleted and committed: drops bytes kept outside the database. */
  discard(em: EntityManager, sha256: string): Promise<void>;
}

/** Serialises writers and the purge on one digest until the transaction ends (any process). */
export async function lockDigest(em: EntityManager, sha256: string): Promise<void> {
  await em.query(`select pg_advisory_xact_lock(hashtextextended($1, 7301))`, [`document:${sha256}`]);
}
