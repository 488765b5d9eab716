export { AppConfig, CitizenProviderConfig, ConfigValidationError, loadConfig } from './app-config';
export { APP_CONFIG, ConfigModule } from './config.module';
