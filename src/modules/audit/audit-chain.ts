import { createHash } from 'node:crypto';
import type { AuditEntry } from './audit.types';

/** The hash of the chain's first link's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * SHA-256 over the row's content and the previous row's hash, as canonical JSON of a fixed
 * field order: changing any field, reordering, removing or inserting a row breaks the chain.
 */
export function auditHash(e: Omit<AuditEntry, 'hash'>): string {
  const content = [e.seq, e.occurredAt, e.actorKind, e.actorSubject, e.action, e.resourceType, e.resourceId, e.channel, e.address, e.prevHash];
  return createHash('sha256').update(JSON.stringify(content), 'utf8').digest('hex');
}

export type ChainVerdict = { ok: true; rows: number } | { ok: false; rows: number; brokenSeq: number; reason: 'hash' | 'link' | 'sequence' };

/** Walks rows in order; the first row whose hash, link or number does not follow names the break. */
export class AuditChainVerifier {
  private prevHash = GENESIS_HASH;
  private prevSeq = 0;
  private count = 0;
  private broken: ChainVerdict | undefined;

  push(e: AuditEntry): boolean {
    if (this.broken) return false;
    this.count++;
    const fail = (reason: 'hash' | 'link' | 'sequence'): boolean => {
      this.broken = { ok: false, rows: this.count, brokenSeq: e.seq, reason };
      return false;
    };
    if (e.seq !== this.prevSeq + 1) return fail('sequence');
    if (e.prevHash !== this.prevHash) return fail('link');
    if (auditHash(e) !== e.hash) return fail('hash');
    this.prevHash = e.hash;
    this.prevSeq = e.seq;
    return true;
  }

  verdict(): ChainVerdict {
    return this.broken ?? { ok: true, rows: this.count };
  }
}
