export { CasesModule } from './cases.module';
export { CasesService } from './cases.service';
export type { CaseStatusListener } from './cases.service';
export * from './cases.types';
export * from './cases.exceptions';
