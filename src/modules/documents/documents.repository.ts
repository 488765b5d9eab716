import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Transactions, returnedRows } from '../../database';
import { AttachmentView, DocumentKind, DocumentView, IssuedKind } from './documents.types';

export interface AttachmentRow {
  id: string;
  owner_fiscal_code: string;
  field: string;
  name: string;
  media_type: string;
  size: string | number;
  sha256: string;
  uploaded_at: Date;
  case_id: string | null;
  office: string | null;
}

export interface IssuedRow {
  id: string;
  kind: IssuedKind;
  case_id: string;
  owner_fiscal_code: string;
  office: string;
  name: string;
  media_type: string;
  size: string | number;
  sha256: string;
  verification_code: string;
  protocol_number: string | null;
  protocol_year: number | null;
  created_at: Date;
}

export interface NewIssuedDocument {
  id: string;
  kind: IssuedKind;
  caseId: string;
  ownerFiscalCode: string;
  office: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  verificationCode: string;
  protocol: { number: string; year: number } | null;
  template: string;
  createdAt: Date;
}

/** One row of the union of filed uploads and issued documents, as lists show it. */
interface DocumentRow {
  id: string;
  kind: DocumentKind;
  name: string;
  media_type: string;
  size: string | number;
  sha256: string;
  case_id: string | null;
  created_at: Date;
  verification_code: string | null;
}

const DOCUMENTS_OF = (where: { attachments: string; issued: string }) => `
  select id, 'attachment' as kind, name, media_type, size, sha256, case_id, filed_at as created_at, null as verification_code
    from attachment where case_id is not null and ${where.attachments}
  union all
  select id, kind, name, media_type, size, sha256, case_id, created_at, verification_code
    from issued_document where ${where.issued}`;

/** SQL of uploads and issued documents. Every method joins the caller's transaction. */
@Injectable()
export class DocumentsRepository {
  constructor(private readonly tx: Transactions) {}

  private em(): EntityManager {
    return this.tx.manager();
  }

  /** Serialises one citizen's uploads, so two parallel ones cannot both pass the limits. */
  async lockOwner(owner: string): Promise<void> {
    await this.em().query(`select pg_advisory_xact_lock(hashtextextended($1, 7302))`, [`uploads:${owner}`]);
  }

  async pendingStats(owner: string, field: string): Promise<{ fieldCount: number; totalCount: number; totalBytes: number }> {
    const [row] = (await this.em().query(
      `select count(*) filter (where field = $2) as field_count, count(*) as total_count, coalesce(sum(size), 0) as total_bytes
         from attachment where owner_fiscal_code = $1 and case_id is null`,
      [owner, field],
    )) as Array<{ field_count: string; total_count: string; total_bytes: string }>;
    return { fieldCount: Number(row.field_count), totalCount: Number(row.total_count), totalBytes: Number(row.total_bytes) };
  }

  async insertAttachment(row: Omit<AttachmentRow, 'case_id' | 'office'>): Promise<void> {
    await this.em().query(
      `insert into attachment (id, owner_fiscal_code, field, name, media_type, size, sha256, uploaded_at) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [row.id, row.owner_fiscal_code, row.field, row.name, row.media_type, row.size, row.sha256, row.uploaded_at],
    );
  }

  /** Locks the rows so a concurrent purge or filing waits (or skips them). */
  async attachmentsForUpdate(ids: string[]): Promise<AttachmentRow[]> {
    if (ids.length === 0) return [];
    return (await this.em().query(`select * from attachment where id = any($1::uuid[]) for update`, [ids])) as AttachmentRow[];
  }

  async linkAttachments(ids: string[], caseId: string, office: string, filedAt: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.em().query(
      `update attachment set case_id = $2, office = $3, filed_at = $4 where id = any($1::uuid[]) and case_id is null`,
      [ids, caseId, office, filedAt],
    );
  }

  async findAttachment(id: string): Promise<AttachmentRow | undefined> {
    const [row] = (await this.em().query(`select * from attachment where id = $1`, [id])) as AttachmentRow[];
    return row;
  }

  async findIssued(id: string): Promise<IssuedRow | undefined> {
    const [row] = (await this.em().query(`select * from issued_document where id = $1`, [id])) as IssuedRow[];
    return row;
  }

  async findIssuedByCode(code: string): Promise<IssuedRow | undefined> {
    const [row] = (await this.em().query(`select * from issued_document where verification_code = $1`, [code])) as IssuedRow[];
    return row;
  }

  async findReceipt(caseId: string): Promise<IssuedRow | undefined> {
    const [row] = (await this.em().query(`select * from issued_document where case_id = $1 and kind = 'receipt'`, [caseId])) as IssuedRow[];
    return row;
  }

  /** The document of this kind the case got from `template` (a payment notice: one per NAV). */
  async findIssuedByTemplate(caseId: string, kind: IssuedKind, template: string): Promise<IssuedRow | undefined> {
    const [row] = (await this.em().query(`select * from issued_document where case_id = $1 and kind = $2 and template = $3`, [caseId, kind, template])) as IssuedRow[];
    return row;
  }

  async attachmentsOfCase(caseId: string): Promise<AttachmentRow[]> {
    return (await this.em().query(`select * from attachment where case_id = $1 order by field, uploaded_at, id`, [caseId])) as AttachmentRow[];
  }

  /** Serialises issuing for one case (one receipt per case, whichever process asks first). */
  async lockCase(caseId: string): Promise<void> {
    await this.em().query(`select pg_advisory_xact_lock(hashtextextended($1, 7303))`, [`issue:${caseId}`]);
  }

  async insertIssued(d: NewIssuedDocument): Promise<void> {
    await this.em().query(
      `insert into issued_document (id, kind, case_id, owner_fiscal_code, office, name, media_type, size, sha256, verification_code,
         protocol_number, protocol_year, template, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [d.id, d.kind, d.caseId, d.ownerFiscalCode, d.office, d.name, d.mediaType, d.size, d.sha256, d.verificationCode,
        d.protocol?.number ?? null, d.protocol?.year ?? null, d.template, d.createdAt],
    );
  }

  async listForCase(caseId: string): Promise<DocumentView[]> {
    const rows = (await this.em().query(
      `${DOCUMENTS_OF({ attachments: 'case_id = $1', issued: 'case_id = $1' })} order by created_at, kind, name, id`,
      [caseId],
    )) as DocumentRow[];
    return rows.map(toDocumentView);
  }

  async listForCitizen(fiscalCode: string, offset: number, limit: number): Promise<{ items: DocumentView[]; total: number }> {
    const union = DOCUMENTS_OF({ attachments: 'owner_fiscal_code = $1', issued: 'owner_fiscal_code = $1' });
    const rows = (await this.em().query(`${union} order by created_at desc, id desc offset $2 limit $3`, [fiscalCode, offset, limit])) as DocumentRow[];
    const [{ total }] = (await this.em().query(`select count(*) as total from (${union}) d`, [fiscalCode])) as Array<{ total: string }>;
    return { items: rows.map(toDocumentView), total: Number(total) };
  }

  /** Unfiled uploads older than `cutoff`, deleted; rows a filing holds are skipped. Returns their digests. */
  async deleteUnfiled(cutoff: Date, batch: number): Promise<string[]> {
    const result = await this.em().query(
      `delete from attachment where id in (
         select id from attachment where case_id is null and uploaded_at < $1 order by uploaded_at limit $2 for update skip locked)
       returning sha256`,
      [cutoff, batch],
    );
    return returnedRows<{ sha256: string }>(result).map((r) => r.sha256);
  }

  /** Deletes the digest's content row when nothing references it any more; true when deleted. */
  async deleteContentIfUnreferenced(sha256: string): Promise<boolean> {
    const result = await this.em().query(
      `delete from document_content c where c.sha256 = $1
         and not exists (select 1 from attachment a where a.sha256 = c.sha256)
         and not exists (select 1 from issued_document d where d.sha256 = c.sha256)
       returning c.sha256`,
      [sha256],
    );
    return returnedRows<{ sha256: string }>(result).length > 0;
  }
}

export function toAttachmentView(row: AttachmentRow): AttachmentView {
  return { id: row.id, field: row.field, name: row.name, mediaType: row.media_type, size: Number(row.size), sha256: row.sha256, uploadedAt: row.uploaded_at };
}

export function attachmentAsDocument(row: AttachmentRow): DocumentView {
  return {
    id: row.id,
    kind: 'attachment',
    name: row.name,
    mediaType: row.media_type,
    size: Number(row.size),
    sha256: row.sha256,
    caseId: row.case_id,
    createdAt: row.uploaded_at,
    verificationCode: null,
  };
}

/** An issued document's row is a document row (receipt or act): one mapping serves both. */
export function issuedAsDocument(row: IssuedRow): DocumentView {
  return toDocumentView(row);
}

function toDocumentView(row: DocumentRow): DocumentView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    mediaType: row.media_type,
    size: Number(row.size),
    sha256: row.sha256,
    caseId: row.case_id,
    createdAt: row.created_at,
    verificationCode: row.verification_code,
  };
}
