export { CatalogueModule } from './catalogue.module';
export { CatalogueService } from './catalogue.service';
export { validateCatalogue } from './catalogue-validator';
export { readCatalogueFiles } from './catalogue-files';
export * from './catalogue.exceptions';
export type {
  CatalogueFiles,
  CatalogueSources,
  DeploymentSummary,
  FormDefinition,
  FormVersion,
  Office,
  ProcedureDefinition,
  ProcedureDetail,
  ProcedureFilter,
  ProcedureSummary,
  TaskForm,
  ValidationOutcome,
  PublicationPlan,
} from './catalogue.types';
export { CITIZEN_STATUSES, CITIZEN_GROUP, KEY_PATTERN, OUTCOME_STATUSES } from './catalogue.types';
export { parseBpmn } from './bpmn-document';
export type { CitizenStatus } from './catalogue.types';
export { stripFormsStamp } from './catalogue.service';
export type { SemanticDiff, ElementChange, FormFieldsDiff, MetadataChange, PublicationPreview, PublicationResult } from './publication.types';
export { canonicalJson } from './catalogue.repository';
