import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type Provider from 'oidc-provider';
import { APP_CONFIG, AppConfig } from '../../../config';
import { Transactions } from '../../../database';
import { DEMO_ADMINS, DEMO_ANALYSTS, DEMO_CITIZENS, DEMO_OPERATORS, RP_JWKS_PATH } from '../../identity';
import { acrOf, AUTH_LEVELS, AuthLevel } from '../citizen-levels';
import { CALLBACK_PATH, DEV_IDP_PATH, devIdpIssuer } from '../citizen-providers';

import { FISCAL_NUMBER_CLAIMS } from '../citizen-identity';
import { DevIdpSecrets, loadDevIdpSecrets } from './dev-idp-keys';
import { devIdpErrorPage, devIdpLogoutPage } from './dev-idp.pages';
import { PgOidcAdapter } from './pg-oidc-adapter';

const SWEEP_EVERY_MS = 15 * 60_000;

/** A code-flow client of this app that authenticates with private_key_jwt, its keys at the app's jwks_uri. */
const keyClient = (clientId: string, base: string, callbackPath: string): Record<string, unknown> => ({
  client_id: clientId,
  redirect_uris: [`${base}${callbackPath}`],
  post_logout_redirect_uris: [`${base}/`],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'private_key_jwt',
  token_endpoint_auth_signing_alg: 'RS256',
  request_object_signing_alg: 'RS256',
  jwks_uri: `${base}${RP_JWKS_PATH}`,
});

/** oidc-provider is ESM-only: required on first use (Node's require(esm)), never while jest composes an app. */
const loadProvider = (): typeof Provider => (require('oidc-provider') as { default: typeof Provider }).default;

export const DEV_IDP_CLIENTS = ['sportello-spid', 'sportello-cie'] as const;
/** The client of the staff login when the development provider stands for the Comune's own provider. */
export const DEV_IDP_STAFF_CLIENT = 'sportello-personale';
export const STAFF_CALLBACK_PATH = '/accesso/personale/oidc/ritorno';

/** Users of the Comune's (development) provider: the demo staff and one person Sportello does not know. */
export const DEV_IDP_STAFF: ReadonlyArray<{ id: string; name: string }> = [
  ...[...DEMO_OPERATORS, ...DEMO_ANALYSTS, ...DEMO_ADMINS].map((p) => ({ id: p.userId, name: p.name })),
  { id: 'ospite.esterno', name: 'Ospite Esterno (senza account in Sportello)' },
];

/**
 * The bundled development identity provider: a real OpenID Connect provider (oidc-provider) with the
 * demo citizens as accounts, issuing SPID-style claims and `acr`. Mounted under /dev-idp only when
 * AUTH_DEV_IDP is on (config refuses it in production). Keys under <DATA_DIR>/dev-idp, shared by
 * processes; codes, sessions, interactions and grants in PostgreSQL (`dev_idp_state`), so any
 * process serves any step of a login. Expired rows are swept every 15 minutes (scheduler on).
 */
@Injectable()
export class DevIdpService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DevIdp');
  private secretsCache?: DevIdpSecrets;
  private providerCache?: Provider;
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: Transactions,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.enabled || !this.config.SCHEDULER_ENABLED) return;
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /** Deletes the provider's expired codes, sessions and grants. */
  async sweep(): Promise<number> {
    try {
      return await PgOidcAdapter.sweepExpired(this.tx);
    } catch (e) {
      this.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'dev-idp sweep failed');
      return 0;
    }
  }

  get enabled(): boolean {
    return this.config.AUTH_DEV_IDP;
  }

  provider(): Provider {
    if (this.providerCache) return this.providerCache;
    this.secretsCache ??= loadDevIdpSecrets(this.config.DATA_DIR);
    const secrets = this.secretsCache;
    const base = this.config.PUBLIC_BASE_URL;
    const OidcProvider = loadProvider();
    const provider = new OidcProvider(devIdpIssuer(this.config), {
      // As the SPID/CIE OIDC federation: each client proves itself with its own key (published at jwks_uri),
      // never a shared secret; the SPID/CIE clients must also send every authorization request as a
      // request object signed with that key. The staff client (the Comune's provider) need not.
      clients: [
        ...DEV_IDP_CLIENTS.map((id) => ({ ...keyClient(id, base, CALLBACK_PATH), require_signed_request_object: true })),
        { ...keyClient(DEV_IDP_STAFF_CLIENT, base, STAFF_CALLBACK_PATH), require_signed_request_object: false },
      ],
      adapter: (model: string) => new PgOidcAdapter(model, this.tx),
      // oidc-provider refuses loopback and private addresses (SSRF guard); this app's own jwks_uri is the one exception.
      fetch: (url: string, options: RequestInit & { dispatcher?: unknown }) =>
        fetch(url, url.startsWith(`${base}${RP_JWKS_PATH}`) ? { ...options, dispatcher: undefined } : options),
      jwks: { keys: [secrets.signingKey] },
      cookies: { keys: secrets.cookieKeys },
      findAccount: (_ctx: unknown, id: string) => {
        const staff = DEV_IDP_STAFF.find((u) => u.id === id);
        if (staff) return { accountId: id, claims: () => ({ sub: id, preferred_username: id, name: staff.name, email: `${id}@comune.example.it` }) };
        const citizen = DEMO_CITIZENS.find((c) => c.fiscalCode === id);
        if (!citizen) return undefined;
        return {
          accountId: id,
          claims: () => ({
            sub: id,
            given_name: citizen.givenName,
            family_name: citizen.familyName,
            ...(citizen.email ? { email: citizen.email } : {}),
            [FISCAL_NUMBER_CLAIMS[0]]: `TINIT-${citizen.fiscalCode}`,
          }),
        };
      },
      // amr (in every ID token, with scope openid) tells the staff login whether a second factor was given (`mfa`/`otp`).
      claims: { acr: null, auth_time: null, sid: null, openid: ['sub', 'amr'], profile: ['given_name', 'family_name', 'name', 'preferred_username', FISCAL_NUMBER_CLAIMS[0]], email: ['email'] },
      scopes: ['openid', 'profile', 'email'],
      acrValues: AUTH_LEVELS.map(acrOf),
      pkce: { required: () => true },
      features: {
        devInteractions: { enabled: false },
        // Required per client: the SPID/CIE clients must sign their requests; the staff client need not.
        requestObjects: { enabled: true, requireSignedRequestObject: false },
        rpInitiatedLogout: { enabled: true, logoutSource: devIdpLogoutPage },
      },
      interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${DEV_IDP_PATH}/interaction/${interaction.uid}` },
      ttl: { AuthorizationCode: 60, IdToken: 600, AccessToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
      renderError: devIdpErrorPage,
    });
    provider.on('server_error', (_ctx: unknown, err: unknown) => this.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'dev-idp server error'));
    this.providerCache = provider;
    return provider;
  }

  /** Express middleware for /dev-idp: the protocol endpoints go to oidc-provider; the chooser to its controller. */
  middleware(): (req: Request, res: Response, next: NextFunction) => void {
    return (req, res, next) => {
      if (!this.enabled || req.path.startsWith('/interaction/')) return next();
      this.provider().callback()(req, res);
    };
  }

  /** Completes a chooser interaction: the citizen logs in at the chosen level and consents to the requested scopes. */
  finish(req: Request, res: Response, fiscalCode: string, level: AuthLevel): Promise<void> {
    return this.complete(req, res, { accountId: fiscalCode, acr: acrOf(level), amr: level === 1 ? ['pwd'] : ['pwd', 'otp'] });
  }

  /** Completes the staff chooser: the Comune's user, with or without a second factor (`amr` says which). */
  finishStaff(req: Request, res: Response, userId: string, mfa: boolean): Promise<void> {
    return this.complete(req, res, { accountId: userId, amr: mfa ? ['pwd', 'mfa'] : ['pwd'] });
  }

  private async complete(req: Request, res: Response, login: { accountId: string; acr?: string; amr: string[] }): Promise<void> {
    const provider = this.provider();
    const details = await provider.interactionDetails(req, res);
    const clientId = String(details.params.client_id);
    const grant = new provider.Grant({ accountId: login.accountId, clientId });
    grant.addOIDCScope(String(details.params.scope ?? 'openid'));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  async cancel(req: Request, res: Response): Promise<void> {
    await this.provider().interactionFinished(req, res, { error: 'access_denied', error_description: 'login cancelled' }, { mergeWithLastSubmission: false });
  }
}
