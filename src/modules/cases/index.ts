export { CasesModule } from './cases.module';
export { CasesService } from './cases.service';
export type { CaseStatusListener } from './cases.service';
export type { FilingContext, FilingContribution, FilingListener, FilingVia } from './filing.types';
export type { FilingOptions } from './use-cases/file-case.use-case';
export * from './cases.types';
export * from './cases.exceptions';
