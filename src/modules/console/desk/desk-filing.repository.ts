import { Transactions } from '../../../database';

export interface DeskFilingRecord {
  caseId: string;
  operatorId: string;
  identification: 'signed-before-employee' | 'id-copy-attached';
  idDocumentType: string;
  idDocumentNumber: string;
  delegate: { name: string; fiscalCode: string } | null;
  delegaDocumentId: string | null;
}

export interface DeskFilingRow {
  case_id: string;
  operator_id: string;
  identification: string;
  id_document_type: string;
  id_document_number: string;
  delegate_name: string | null;
  delegate_fiscal_code: string | null;
  delega_document_id: string | null;
  filed_at: Date;
}

/** desk_filing: who filed at the desk, how the applicant was identified, the delega when someone else filed. */
export class DeskFilingRepository {
  constructor(private readonly tx: Transactions) {}

  /** Once per case: the replay of a double click leaves the first record as it was. */
  async insert(r: DeskFilingRecord): Promise<void> {
    await this.tx.manager().query(
      `insert into desk_filing (case_id, operator_id, identification, id_document_type, id_document_number, delegate_name, delegate_fiscal_code, delega_document_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (case_id) do nothing`,
      [r.caseId, r.operatorId, r.identification, r.idDocumentType, r.idDocumentNumber, r.delegate?.name ?? null, r.delegate?.fiscalCode ?? null, r.delegaDocumentId],
    );
  }

  async find(caseId: string): Promise<DeskFilingRow | undefined> {
    const rows = (await this.tx.manager().query(`select * from desk_filing where case_id = $1`, [caseId])) as DeskFilingRow[];
    return rows[0];
  }
}
