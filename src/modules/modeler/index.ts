export { ModelerModule } from './modeler.module';
export type { ModelerContext, ModelerItem } from './modeler.service';
