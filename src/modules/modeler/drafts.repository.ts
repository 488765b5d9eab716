import { Injectable } from '@nestjs/common';
import { returnedRows, Transactions } from '../../database';

export type DraftKind = 'procedure' | 'form';

export interface Draft {
  kind: DraftKind;
  key: string;
  content: string;
  updatedBy: string;
  updatedAt: Date;
}

interface DraftRow {
  kind: DraftKind;
  key: string;
  content: string;
  updated_by: string;
  updated_at: Date;
}

const toDraft = (r: DraftRow): Draft => ({ kind: r.kind, key: r.key, content: r.content, updatedBy: r.updated_by, updatedAt: new Date(r.updated_at) });

/** The modeler's working copies (table modeler_draft). */
@Injectable()
export class DraftsRepository {
  constructor(private readonly tx: Transactions) {}

  async save(kind: DraftKind, key: string, content: string, updatedBy: string): Promise<Draft> {
    const rows = (await this.tx.manager().query(
      `insert into modeler_draft (kind, key, content, updated_by) values ($1, $2, $3, $4)
       on conflict (kind, key) do update set content = excluded.content, updated_by = excluded.updated_by, updated_at = now()
       returning kind, key, content, updated_by, updated_at`,
      [kind, key, content, updatedBy],
    )) as DraftRow[];
    return toDraft(rows[0]);
  }

  async find(kind: DraftKind, key: string): Promise<Draft | null> {
    const rows = (await this.tx.manager().query('select kind, key, content, updated_by, updated_at from modeler_draft where kind = $1 and key = $2', [
      kind,
      key,
    ])) as DraftRow[];
    return rows[0] ? toDraft(rows[0]) : null;
  }

  async list(kind: DraftKind): Promise<Draft[]> {
    const rows = (await this.tx.manager().query(
      'select kind, key, content, updated_by, updated_at from modeler_draft where kind = $1 order by key',
      [kind],
    )) as DraftRow[];
    return rows.map(toDraft);
  }

  async delete(kind: DraftKind, key: string): Promise<void> {
    await this.tx.manager().query('delete from modeler_draft where kind = $1 and key = $2', [kind, key]);
  }

  /** Moves a draft to another key; false when there was none. */
  async rename(kind: DraftKind, from: string, to: string, updatedBy: string): Promise<boolean> {
    const rows = (await this.tx.manager().query(
      'update modeler_draft set key = $3, updated_by = $4, updated_at = now() where kind = $1 and key = $2 returning key',
      [kind, from, to, updatedBy],
    )) as unknown;
    return returnedRows<{ key: string }>(rows).length > 0;
  }
}
