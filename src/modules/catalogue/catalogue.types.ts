import type { PublicationPreview } from './publication.types';
/** The files of a catalogue as read from disk, keyed by file name (no directory). */
export interface CatalogueFiles {
  processes: Map<string, string>;
  /** Contents of processes/offices.json, or null when the file is missing. */
  offices: string | null;
  forms: Map<string, string>;
}

export interface Office {
  key: string;
  name: string;
  email: string;
}

export interface TaskForm {
  taskId: string;
  taskName: string | null;
  formKey: string;
  candidateGroups: string[];
}

/** One procedure as validated from its BPMN file: what the catalogue records beside the engine model. */
export interface ProcedureDefinition {
  key: string;
  file: string;
  xml: string;
  title: string;
  office: string;
  category: string;
  legalBasis: string;
  legalDays: number;
  spidLevel: '1' | '2' | '3' | 'none';
  feeCents: number | null;
  lifeEvents: string[];
  startFormKey: string;
  taskForms: TaskForm[];
  /** The citizen-visible phases in diagram order (citizen-phases.ts), stored with each model version. */
  citizenPhases: CitizenStatus[];
}

export interface FormDefinition {
  key: string;
  file: string;
  schema: Record<string, unknown>;
}

/** A catalogue that passed every check, ready to deploy. */
export interface ValidCatalogue {
  offices: Office[];
  procedures: ProcedureDefinition[];
  forms: FormDefinition[];
}

export type ValidationOutcome = { ok: true; catalogue: ValidCatalogue } | { ok: false; problems: string[] };

export interface DeploymentSummary {
  procedures: Array<{ key: string; version: number; created: boolean }>;
  forms: Array<{ key: string; version: number; created: boolean }>;
  offices: number;
}

export interface ProcedureSummary {
  key: string;
  title: string;
  office: string;
  category: string;
  legalBasis: string;
  legalDays: number;
  spidLevel: string;
  feeCents: number | null;
  lifeEvents: string[];
  version: number;
  updatedAt: Date;
}

export interface FormVersion {
  key: string;
  version: number;
  schema: Record<string, unknown>;
}

export interface ProcedureDetail extends Omit<ProcedureSummary, 'office' | 'version'> {
  office: Office;
  currentVersion: { id: string; number: number; deployedAt: Date };
  startForm: FormVersion;
  taskForms: TaskForm[];
}

export interface ProcedureFilter {
  office?: string;
  category?: string;
  q?: string;
}

export const CITIZEN_STATUSES = [
  'inviata',
  'presa-in-carico',
  'in-lavorazione',
  'da-integrare',
  'sospesa',
  'accettata',
  'rifiutata',
  'conclusa',
] as const;
export type CitizenStatus = (typeof CITIZEN_STATUSES)[number];
export const OUTCOME_STATUSES: readonly CitizenStatus[] = ['accettata', 'rifiutata', 'conclusa'];
export const CITIZEN_GROUP = 'citizen';
export const KEY_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The catalogue files with the offices and registered services read out of them, for the modeler. */
export interface CatalogueSources {
  files: CatalogueFiles;
  offices: Office[];
  serviceNames: string[];
}

/** What publishing a draft would do (see CatalogueService.planPublication), with the validated draft to publish. */
export interface PublicationPlan extends PublicationPreview {
  /** The validated draft and the forms it uses (null/empty when there are problems). */
  definition: ProcedureDefinition | null;
  forms: FormDefinition[];
}
