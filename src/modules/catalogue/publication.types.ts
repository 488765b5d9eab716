/**
 * What the modeler shows before publishing a draft. Types only, no imports: the modeler's browser
 * bundle (modeler-ui/src/api.ts) reads the same shapes the server answers with.
 */

export interface ElementChange {
  id: string;
  type: string;
  name: string;
  /** The compared facts that differ (e.g. `name`, `formKey`, `candidateGroups`, `property:citizenStatus`). */
  changed: string[];
}

export interface FormFieldsDiff {
  formKey: string;
  added: string[];
  removed: string[];
  /** Fields kept whose label, type, rules or options changed. */
  changed: string[];
}

export interface MetadataChange {
  field: string;
  before: string;
  after: string;
}

/** What publishing a draft changes against the current version: elements, form fields, procedure metadata. */
export interface SemanticDiff {
  added: Array<Omit<ElementChange, 'changed'>>;
  removed: Array<Omit<ElementChange, 'changed'>>;
  changed: ElementChange[];
  forms: FormFieldsDiff[];
  metadata: MetadataChange[];
}

/** A publication plan as the analyst reads it: problems that block it, the diff, running cases and dropped waiting steps. */
export interface PublicationPreview {
  key: string;
  problems: string[];
  current: { versionId: string; version: number } | null;
  diff: SemanticDiff;
  runningOnCurrent: number;
  runningTotal: number;
  droppedWaitingSteps: Array<{ version: number; elementId: string; name: string; instances: number }>;
}

/** The answer to a publish. */
export interface PublicationResult {
  key: string;
  version: number;
  created: boolean;
  runningOnPrevious: number;
}
