/**
 * The shapes the modeler's API answers with and the browser app reads (modeler-ui/src/api.ts imports
 * this file): one definition for both sides. Types and plain constants only, no imports.
 */

export interface ModelerItem {
  key: string;
  /** On disk (processes/, forms/), only a draft, a file with a newer draft, or published from the modeler (not exported yet). */
  source: 'file' | 'draft' | 'file+draft' | 'published' | 'published+draft';
  draftUpdatedAt: string | null;
  draftUpdatedBy: string | null;
}

/** Everything the editor's drop-downs and its lint need, served so a new office, form or handler needs no rebuild. */
export interface ModelerContext {
  offices: Array<{ key: string; name: string }>;
  citizenGroup: string;
  formKeys: string[];
  serviceNames: string[];
  citizenStatuses: readonly string[];
  outcomeStatuses: readonly string[];
  spidLevels: readonly string[];
  lint: { officeKeys: string[]; formKeys: string[]; serviceNames: string[] };
}

export const SPID_LEVELS = ['1', '2', '3', 'none'] as const;

export interface NewProcedureRequest {
  key: string;
  title: string;
  office?: string;
}

export interface NewProcedureResult {
  key: string;
  forms: string[];
}
