export { ModelerModule } from './modeler.module';
export type { DryRunAction, DryRunState, ModelerContext, ModelerItem, NewProcedureRequest, NewProcedureResult } from './modeler-contract';
