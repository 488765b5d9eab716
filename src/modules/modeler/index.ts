export { ModelerModule } from './modeler.module';
export type { ModelerContext, ModelerItem, NewProcedureRequest, NewProcedureResult } from './modeler-contract';
