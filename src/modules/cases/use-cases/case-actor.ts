import { canReadMessage } from '../../identity';
import { CaseRow } from '../cases.types';

/** Who acts on a case's messages, notes, withdrawal or rating. */
export type CaseActor =
  | { kind: 'citizen'; fiscalCode: string; name: string; email?: string }
  | { kind: 'operator'; userId: string; offices: string[] };

/** The applicant, or an operator of the case's office (identity's message policy); anyone else is told the case does not exist. */
export function mayAccess(actor: CaseActor, row: CaseRow): boolean {
  return canReadMessage(actor, { ownerFiscalCode: row.citizen_fiscal_code, office: row.office });
}

export function requireText(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text.length >= 1 && text.length <= max ? text : null;
}
