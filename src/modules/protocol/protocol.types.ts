/** The protocol register's vocabulary (DPR 445/2000 art. 53), shared by the port, the service and adapters. */

export const DIRECTIONS = ['in', 'out', 'internal'] as const;
export type ProtocolDirection = (typeof DIRECTIONS)[number];

export const CHANNELS = ['web', 'desk', 'email', 'pec', 'system'] as const;
export type ProtocolChannel = (typeof CHANNELS)[number];

/** Art. 38: how a desk istanza was authenticated. */
export const IDENTIFICATIONS = ['signed-before-employee', 'id-copy-attached'] as const;
export type DeskIdentification = (typeof IDENTIFICATIONS)[number];

export interface Correspondent {
  name: string;
  /** Codice fiscale or partita IVA, upper case, no `TINIT-` prefix. */
  fiscalCode?: string;
  email?: string;
}

export interface ProtocolDocument {
  name: string;
  /** Lower-case hex SHA-256 of the file (the impronta). */
  sha256: string;
  mediaType: string;
  size: number;
}

/** The sender's own number and date (art. 53 c. 1 lett. e). */
export interface SenderReference {
  number?: string;
  /** `YYYY-MM-DD`. */
  date?: string;
}

export interface NewProtocolEntry {
  direction: ProtocolDirection;
  channel: ProtocolChannel;
  correspondent: Correspondent;
  /** The oggetto: required, at most 1000 characters. */
  subject: string;
  /** Office key, as in processes/offices.json. */
  office: string;
  caseId?: string;
  documents: ProtocolDocument[];
  senderReference?: SenderReference;
  /** Required when, and only when, the channel is `desk`. */
  identification?: DeskIdentification;
  /** Operator or system actor who registered the entry, for the audit trail. */
  registeredBy?: string;
}

export interface AnnulmentRequest {
  reason: string;
  authorisedBy: string;
  /** The authorising act (e.g. "Provvedimento n. 12/2026"). */
  act?: string;
}

export interface ProtocolAnnulment {
  reason: string;
  authorisedBy: string;
  act: string | null;
  annulledAt: Date;
}

export interface ProtocolEntry {
  id: string;
  aoo: string;
  register: string;
  year: number;
  /**
   * At least 7 digits, zero-padded: `0000001`. Null only for an entry read inside the transaction
   * that wrote it: the number is assigned when that transaction commits.
   */
  number: string | null;
  registeredAt: Date;
  direction: ProtocolDirection;
  channel: ProtocolChannel;
  correspondent: { name: string; fiscalCode: string | null; email: string | null };
  subject: string;
  office: string;
  caseId: string | null;
  documents: ProtocolDocument[];
  senderReference: { number: string | null; date: string | null } | null;
  identification: DeskIdentification | null;
  registeredBy: string | null;
  /** Present once the entry has been annulled; the entry itself stays readable. */
  annulment: ProtocolAnnulment | null;
}

/** An annulment as listed in the daily register, with the entry it annuls. */
export interface DailyAnnulment extends ProtocolAnnulment {
  entryId: string;
  year: number;
  number: string;
}

/** Registro giornaliero: the day's entries and annulments, with the digest of its export document. */
export interface DailyRegister {
  /** Calendar day in Europe/Rome, `YYYY-MM-DD`. */
  date: string;
  aoo: string;
  register: string;
  entries: ProtocolEntry[];
  annulments: DailyAnnulment[];
  /** The export document: canonical JSON, UTF-8. */
  json: string;
  /** The same records as CSV (RFC 4180), for people and spreadsheets. */
  csv: string;
  /** Lower-case hex SHA-256 of `json`, the document sent to conservation. */
  digest: string;
  /** Lower-case hex SHA-256 of `csv`. */
  csvDigest: string;
}
