import { Injectable } from '@nestjs/common';
import { DomainException, Page, PageRequest } from '../../common';
import { Transactions } from '../../database';
import { AuditChainVerifier, ChainVerdict } from './audit-chain';
import { AUDIT_MESSAGES as M } from './audit.messages';
import { AuditFilter, AuditRepository } from './audit.repository';
import { AUDIT_CHANNELS, AUDIT_RESOURCES, AuditEntry, AuditRecord, toAuditEntry } from './audit.types';

const BATCH = 1000;
const ACTION = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/**
 * The audit trail: who did what on which resource, when, through which channel, from which
 * address. `record` joins the caller's transaction (an action and its audit row commit
 * together) and appends to one hash chain; `verify` walks it and names the first broken row.
 */
@Injectable()
export class AuditService {
  private readonly repo: AuditRepository;

  constructor(private readonly tx: Transactions) {
    this.repo = new AuditRepository(tx);
  }

  async record(r: AuditRecord): Promise<AuditEntry> {
    if (!ACTION.test(r.action)) throw invalid('action', M.action);
    if (!(AUDIT_RESOURCES as readonly string[]).includes(r.resource.type)) throw invalid('resource.type', M.resourceType);
    if (!(AUDIT_CHANNELS as readonly string[]).includes(r.channel)) throw invalid('channel', M.channel);
    // Its own transaction when called alone; the caller's otherwise (the action and its row commit together).
    const row = await this.tx.run(() =>
      this.repo.appendNext({
        actor_kind: r.actor.kind,
        actor_subject: r.actor.subject,
        action: r.action,
        resource_type: r.resource.type,
        resource_id: r.resource.id,
        channel: r.channel,
        address: r.address ?? null,
      }),
    );
    return toAuditEntry(row);
  }

  /**
   * Runs `work` and records what it did in the same transaction: the action and its audit row
   * commit together or not at all. `r` may be computed from the result (e.g. a new resource id).
   */
  audited<T>(r: AuditRecord | ((result: T) => AuditRecord), work: () => Promise<T>): Promise<T> {
    return this.tx.run(async () => {
      const result = await work();
      await this.record(typeof r === 'function' ? r(result) : r);
      return result;
    });
  }

  async list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntry>> {
    const { rows, total } = await this.repo.list(filter, page.offset, page.pageSize);
    return { items: rows.map(toAuditEntry), total, page: page.page, pageSize: page.pageSize };
  }

  /** Every matching row in chain order, batch by batch (for the CSV export). */
  async *entries(filter: AuditFilter = {}): AsyncGenerator<AuditEntry> {
    let after = 0;
    for (;;) {
      const rows = await this.repo.batch(after, BATCH, filter);
      for (const r of rows) yield toAuditEntry(r);
      if (rows.length < BATCH) return;
      after = Number(rows[rows.length - 1].seq);
    }
  }

  /** Walks the whole chain; also checks that the head points at the last row (no row cut off the end). */
  async verify(): Promise<ChainVerdict> {
    const verifier = new AuditChainVerifier();
    let last = 0;
    for await (const e of this.entries()) {
      if (!verifier.push(e)) return verifier.verdict();
      last = e.seq;
    }
    const head = await this.repo.head();
    if (head.seq !== last) return { ok: false, rows: last, brokenSeq: Math.min(head.seq, last + 1), reason: 'sequence' };
    return verifier.verdict();
  }
}

const invalid = (field: string, message: string): DomainException =>
  new DomainException('AUDIT_INVALID_RECORD', 'invalid', M.invalidRecord, { fieldErrors: [{ field, message }] });
