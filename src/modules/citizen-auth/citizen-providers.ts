import type { AppConfig, CitizenProviderConfig } from '../../config';

export const DEV_IDP_PATH = '/dev-idp';
export const CALLBACK_PATH = '/accesso/oidc/ritorno';
export const LOGGED_OUT_PATH = '/';

/** The development provider's issuer: this app's public address + /dev-idp. */
export const devIdpIssuer = (config: AppConfig): string => `${config.PUBLIC_BASE_URL}${DEV_IDP_PATH}`;

/**
 * The citizen identity providers: the configured list, or (development provider on, nothing configured)
 * a SPID and a CIE entry both served by the bundled provider, each its own client.
 */
export function citizenProviders(config: AppConfig): CitizenProviderConfig[] {
  if (config.CITIZEN_OIDC_PROVIDERS) return config.CITIZEN_OIDC_PROVIDERS;
  if (!config.AUTH_DEV_IDP) return [];
  const issuer = devIdpIssuer(config);
  return [
    { id: 'spid', kind: 'spid', label: 'SPID (sviluppo)', issuer, clientId: 'sportello-spid', tokenAuth: 'private_key_jwt' },
    { id: 'cie', kind: 'cie', label: 'CIE (sviluppo)', issuer, clientId: 'sportello-cie', tokenAuth: 'private_key_jwt' },
  ];
}
