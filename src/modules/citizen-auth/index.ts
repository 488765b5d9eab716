export { CitizenAuthModule } from './citizen-auth.module';
export { mountDevIdp } from './mount-dev-idp';
export type { CitizenIdentity } from './citizen-identity';
export type { AuthLevel } from './citizen-levels';
export { PgOidcAdapter } from './dev-idp/pg-oidc-adapter';
