export { ConsoleDeskModule } from './console-desk.module';
