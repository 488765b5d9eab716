import { availableParallelism } from 'node:os';
import { z } from 'zod';

/**
 * Every environment variable the platform reads is declared here, once. Nothing else reads
 * process.env: a wrong value stops boot with a message that names the variable.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const intFrom = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

/** A variable holding JSON: parsed, or refused as "not valid JSON" naming the variable. */
const parseJson = (v: string, ctx: z.RefinementCtx): unknown => {
  try {
    return JSON.parse(v) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
    return z.NEVER;
  }
};

const httpUrl = z.string().refine((v) => /^https?:\/\/[^\s]+$/.test(v), 'not an http(s) URL');
/** An http(s) base URL without its trailing slashes. */
const baseUrl = httpUrl.transform((v) => v.replace(/\/+$/, ''));

const citizenProvider = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,20}$/, 'must match [a-z0-9-]{1,20}'),
  kind: z.enum(['spid', 'cie']),
  label: z.string().trim().min(2).max(60),
  issuer: httpUrl,
  clientId: z.string().min(1),
  /** SPID/CIE OIDC federation: `private_key_jwt` with CITIZEN_OIDC_RP_KEY (default); `client_secret_basic` only for brokers that need it. */
  tokenAuth: z.enum(['private_key_jwt', 'client_secret_basic']).default('private_key_jwt'),
  clientSecret: z.string().min(16, 'must be at least 16 characters').optional(),
}).refine((p) => p.tokenAuth !== 'client_secret_basic' || p.clientSecret, { message: 'clientSecret is required with tokenAuth client_secret_basic', path: ['clientSecret'] });
export type CitizenProviderConfig = z.infer<typeof citizenProvider>;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: intFrom(0, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\/.+/.test(v), 'not a postgres:// URL')
    .optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
    .default('public'),
  DATABASE_POOL_SIZE: intFrom(1, 200).default(10),
  /** App processes `npm start` runs (Node's cluster module); unset: one per core on PostgreSQL, 1 on PGlite. */
  WEB_CONCURRENCY: intFrom(1, 64).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Where PGlite keeps its files; "memory://" keeps nothing (tests). Defaults to <DATA_DIR>/pglite. */
  PGLITE_DIR: z.string().min(1).optional(),
  /**
   * A PGlite data directory as a tarball (PGlite's dumpDataDir, uncompressed) that a new embedded
   * database starts from instead of an empty cluster; ignored when PGLITE_DIR already holds one.
   * Tests start from an already migrated one instead of running initdb and every migration per file.
   */
  PGLITE_TEMPLATE: z.string().min(1).optional(),
  PROCESSES_DIR: z.string().min(1).default('./processes'),
  FORMS_DIR: z.string().min(1).default('./forms'),
  /** Largest JSON body accepted (express/bytes syntax, e.g. 256kb, 1mb). */
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 256kb or 1mb').default('256kb'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MIGRATIONS_RUN: booleanFlag.default(true),
  CATALOGUE_LOAD: booleanFlag.default(true),
  SCHEDULER_ENABLED: booleanFlag.default(true),
  SCHEDULER_POLL_MS: intFrom(100, 600_000).default(15_000),
  SCHEDULER_BATCH: intFrom(1, 1000).default(50),
  ENGINE_LOCK_TIMEOUT_MS: intFrom(100, 600_000).default(10_000),
  INCIDENT_MAX_ATTEMPTS: intFrom(1, 100).default(5),
  INCIDENT_BACKOFF_MS: intFrom(100, 86_400_000).default(30_000),
  /** Bearer token for /api/v1/admin/*; unset closes the admin API. */
  ADMIN_API_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /** Protocol register (DPR 445/2000): AOO code and register code, as in the AgID segnatura. */
  PROTOCOL_AOO: z.string().regex(/^[A-Za-z0-9_.-]{1,16}$/, 'must match [A-Za-z0-9_.-]{1,16}').default('c_sportello'),
  PROTOCOL_REGISTER: z.string().regex(/^[A-Za-z0-9_.-]{1,16}$/, 'must match [A-Za-z0-9_.-]{1,16}').default('PG'),
  /** Citizen e-mail relay, e.g. smtp://user:pass@relay:587 or smtps://...; unset keeps e-mails in the outbox, unsent. */
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\/[^\s]+$/.test(v), 'not an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z
    .string()
    .refine((v) => /^(?:[^<>]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/.test(v.trim()), 'not an e-mail address or "Name <address>"')
    .default('Comune di Esempio <noreply@comune.example.it>'),
  NOTIFICATIONS_ENABLED: booleanFlag.default(true),
  NOTIFICATIONS_POLL_MS: intFrom(100, 600_000).default(5000),
  /** Attempts per e-mail before it is marked failed; retries back off exponentially from NOTIFICATIONS_BACKOFF_MS, capped at one hour. */
  NOTIFICATIONS_MAX_ATTEMPTS: intFrom(1, 100).default(10),
  NOTIFICATIONS_BACKOFF_MS: intFrom(100, 3_600_000).default(30_000),
  /** Webhook deliveries: a background loop per process (rows are claimed with SKIP LOCKED). */
  WEBHOOKS_ENABLED: booleanFlag.default(true),
  WEBHOOKS_POLL_MS: intFrom(100, 600_000).default(2000),
  /** First retry after this, doubling up to one hour; after WEBHOOKS_RETRY_WINDOW_MS a delivery is parked. */
  WEBHOOKS_BACKOFF_MS: intFrom(100, 3_600_000).default(10_000),
  WEBHOOKS_RETRY_WINDOW_MS: intFrom(1000, 7 * 86_400_000).default(86_400_000),
  WEBHOOKS_TIMEOUT_MS: intFrom(100, 60_000).default(10_000),
  /** Subscriber URLs on loopback, private, link-local or unique-local addresses are refused unless this is true (tests, on-premise verticals). */
  WEBHOOKS_ALLOW_PRIVATE_URLS: booleanFlag.default(false),
  /** API tokens: `dev-keys` signs and verifies with an ES256 pair kept in <DATA_DIR>/keys; `jwks` trusts an IdP's JWKS. */
  AUTH_MODE: z.enum(['dev-keys', 'jwks']).default('dev-keys'),
  AUTH_JWKS_URL: httpUrl.optional(),
  AUTH_ISSUER: z.string().min(1).default('sportello'),
  AUTH_AUDIENCE: z.string().min(1).default('sportello-api'),
  AUTH_TOKEN_TTL_S: intFrom(60, 2_592_000).default(3600),
  /** The Comune's patron saint's day (MM-DD, e.g. 12-07 for Sant'Ambrogio): a holiday for the legal clock. Unset: none. */
  COMUNE_PATRON_DAY: z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be MM-DD, e.g. 12-07')
    .refine((v) => !Number.isNaN(Date.parse(`2024-${v}T00:00:00Z`)) && new Date(`2024-${v}T00:00:00Z`).toISOString().slice(5, 10) === v, 'not a calendar day')
    .optional(),
  /** The Comune's name as the portal header, footer and page titles show it. */
  COMUNE_NAME: z.string().trim().min(3, 'must be at least 3 characters').max(80, 'must be at most 80 characters').default('Comune di Esempio'),
  /** Signs the portal's session cookie; the web layer refuses to start in production without it (elsewhere a random one per boot). */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Idle lifetime of a portal session. */
  SESSION_TTL_S: intFrom(300, 604_800).default(28_800),
  /** Public address of the portal, printed in QR verification links (no trailing slash needed). */
  PUBLIC_BASE_URL: baseUrl.default('http://localhost:3000'),
  /** Where document bytes live: in PostgreSQL (bytea) or content-addressed files under DOCUMENTS_DIR. */
  DOCUMENTS_STORAGE: z.enum(['database', 'folder']).default('database'),
  /** Folder of the `folder` storage; defaults to <DATA_DIR>/documents. */
  DOCUMENTS_DIR: z.string().min(1).optional(),
  /** Largest single upload, in bytes (default 10 MiB). */
  DOCUMENTS_MAX_FILE_BYTES: intFrom(1, 1_073_741_824).default(10_485_760),
  /** Files one citizen may have waiting for one form field. */
  DOCUMENTS_MAX_FILES_PER_FIELD: intFrom(1, 100).default(5),
  /** Files one citizen may have uploaded and not yet filed, all fields together. */
  DOCUMENTS_MAX_PENDING_FILES: intFrom(1, 1000).default(20),
  /** Bytes one citizen may have uploaded and not yet filed, all fields together (default 50 MiB). */
  DOCUMENTS_MAX_PENDING_BYTES: intFrom(1, 10_737_418_240).default(52_428_800),
  /** Uploads never filed are deleted after this many hours. */
  DOCUMENTS_UNFILED_TTL_HOURS: intFrom(1, 8760).default(24),
  DOCUMENTS_PURGE_ENABLED: booleanFlag.default(true),
  DOCUMENTS_PURGE_INTERVAL_MS: intFrom(1000, 86_400_000).default(3_600_000),
  /** pagoPA: `fake` is the stateful development pagoPA served at /dev-pagopa (refused in production); `gpd` calls the real GPD and Checkout APIs. */
  PAYMENTS_ADAPTER: z.enum(['fake', 'gpd']).default('fake'),
  /** Host of the pagoPA APIs (GPD, receipts, Checkout), e.g. https://api.uat.platform.pagopa.it; defaults to this app's /dev-pagopa. */
  PAGOPA_API_BASE_URL: baseUrl.optional(),
  /** Serve the development pagoPA at /dev-pagopa; defaults to on with PAYMENTS_ADAPTER=fake (lets the gpd adapter be tested against it). Refused in production. */
  DEV_PAGOPA_ENABLED: booleanFlag.optional(),
  /** Ocp-Apim-Subscription-Key for GPD and receipts; the fake requires it when set. */
  PAGOPA_GPD_KEY: z.string().min(8, 'must be at least 8 characters').optional(),
  /** Ocp-Apim-Subscription-Key for Checkout carts (defaults to PAGOPA_GPD_KEY). */
  PAGOPA_CHECKOUT_KEY: z.string().min(8, 'must be at least 8 characters').optional(),
  /** The Comune as creditor (ente creditore): fiscal code, name, segregation code and the IBAN fees are credited to. */
  PAGOPA_EC_FISCAL_CODE: z.string().regex(/^\d{11}$/, 'must be 11 digits').default('00000000000'),
  PAGOPA_EC_NAME: z.string().min(1).max(140).default('Comune di Esempio'),
  PAGOPA_SEGREGATION_CODE: z.string().regex(/^\d{2}$/, 'must be 2 digits').default('01'),
  PAGOPA_IBAN: z.string().regex(/^IT\d{2}[A-Z]\d{10}[0-9A-Z]{12}$/, 'must be an Italian IBAN (27 characters, upper case)').default('IT60X0542811101000000123456'),
  /** Taxonomy code (tassonomia pagoPA) of the fees' transfers. */
  PAGOPA_CATEGORY: z.string().regex(/^[0-9A-Za-z/]{3,40}$/, 'not a pagoPA taxonomy code').default('9/0101100IM/'),
  PAGOPA_TIMEOUT_MS: intFrom(100, 120_000).default(10_000),
  /** Background payment jobs: creating debt positions from case_payment, reconciling receipts. */
  PAYMENTS_JOBS_ENABLED: booleanFlag.default(true),
  PAYMENTS_POLL_MS: intFrom(100, 600_000).default(5000),
  /** First retry delay after pagoPA is down; doubles each attempt, capped at one hour. */
  PAYMENTS_BACKOFF_MS: intFrom(100, 3_600_000).default(30_000),
  /** How long a process's claim on a pending debt position lasts: a process that died holding it is retried by another after this. */
  PAYMENTS_LEASE_MS: intFrom(1000, 3_600_000).default(120_000),
  // --- Task acts (issue 12 §3): ANPR residence check behind AnprPort ---
  /** ANPR: `fake` is the stateful development registry served at /dev-anpr (refused in production); `http` calls the ANPR e-service through PDND. */
  ANPR_ADAPTER: z.enum(['fake', 'http']).default('fake'),
  /** Base URL of the ANPR residence-check e-service (its `/accertamento-residenza` path is appended); defaults to this app's /dev-anpr/api/v1. */
  ANPR_API_BASE_URL: baseUrl.optional(),
  /** PDND voucher presented as `Authorization: Bearer`; the development registry requires it when set. */
  ANPR_BEARER_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Past this, ANPR counts as not answering and the act falls back to the operator's check. */
  ANPR_TIMEOUT_MS: intFrom(100, 60_000).default(5000),
  /** Serve the development ANPR at /dev-anpr; defaults to on with ANPR_ADAPTER=fake (lets the http adapter be tested against it). Refused in production. */
  DEV_ANPR_ENABLED: booleanFlag.optional(),
  // --- App IO, channel choice and topic alerts (task io, issue 12 §2) ---
  /** Base of the App IO API, e.g. https://api.io.pagopa.it/api/v1; unset with DEV_IO_ENABLED: this app's /dev-io/api/v1. Unset otherwise: no IO, e-mail only. */
  APP_IO_API_BASE_URL: baseUrl.optional(),
  /** Ocp-Apim-Subscription-Key of the Comune's IO service; the development IO requires it when set. */
  APP_IO_API_KEY: z.string().min(8, 'must be at least 8 characters').optional(),
  APP_IO_TIMEOUT_MS: intFrom(100, 120_000).default(10_000),
  /** Serve the development App IO at /dev-io (default on in development, refused in production). */
  DEV_IO_ENABLED: booleanFlag.optional(),
  /** Topic alerts: the topics citizens may subscribe to (JSON list of {key,title,description}); default <PROCESSES_DIR>/alert-topics.json. */
  ALERT_TOPICS_FILE: z.string().min(1).optional(),
  /** Topic alerts delivered per second, all processes together. */
  ALERTS_RATE_PER_SECOND: intFrom(1, 10_000).default(50),
  ALERTS_POLL_MS: intFrom(50, 600_000).default(1000),
  /** Encrypts staff TOTP secrets (AES-256-GCM); the staff login refuses to start in production without it; elsewhere a key kept in <DATA_DIR>/keys/totp.key. */
  STAFF_TOTP_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Login attempts (staff password and code) per client address (IPv6: per /64) in 10 minutes, shared by all processes. */
  LOGIN_RATE_LIMIT: intFrom(1, 10_000).default(20),
  /** Requests to the citizen login (/accesso/oidc/*: start and callback, two per login) per client address (IPv6: per /64) in 10 minutes, shared by all processes. */
  OIDC_LOGIN_RATE_LIMIT: intFrom(1, 100_000).default(60),
  /** The bundled development identity provider under /dev-idp; default on in development, refused in production. */
  AUTH_DEV_IDP: booleanFlag.optional(),
  /**
   * Citizen identity providers (SPID/CIE over OpenID Connect), a JSON array of
   * {"id","kind":"spid"|"cie","label","issuer","clientId","clientSecret"}. Unset with AUTH_DEV_IDP on: the bundled provider.
   */
  CITIZEN_OIDC_PROVIDERS: z
    .string()
    .transform(parseJson)
    .pipe(z.array(citizenProvider).min(1, 'must list at least one provider'))
    .optional(),
  // --- task idp (issue 9 leftovers): relying-party keys, staff OIDC login ---
  /**
   * The relying party's private signing key (a JSON Web Key: RSA or EC, with `kid`): signs the
   * request objects and the `private_key_jwt` client assertions; its public half is published at
   * /.well-known/jwks.json. Required in production when a provider uses private_key_jwt; elsewhere
   * a key is generated in <DATA_DIR>/keys/oidc-rp.jwk.json.
   */
  CITIZEN_OIDC_RP_KEY: z
    .string()
    .transform(parseJson)
    .pipe(
      z
        .object({ kty: z.enum(['RSA', 'EC']), kid: z.string().min(1, 'must name the key (kid)'), d: z.string().min(1, 'must be a private key (d)') })
        .passthrough(),
    )
    .optional(),
  /**
   * Staff login through the Comune's own OpenID Connect provider (button on the staff login page
   * only when set). Users are matched by STAFF_OIDC_USERNAME_CLAIM to an existing active staff
   * account, never created. With STAFF_OIDC_CLIENT_SECRET the client authenticates with
   * client_secret_basic, without it with private_key_jwt (CITIZEN_OIDC_RP_KEY / the generated key).
   */
  STAFF_OIDC_ISSUER: httpUrl.transform((v) => v.replace(/\/+$/, '')).optional(),
  STAFF_OIDC_CLIENT_ID: z.string().min(1).optional(),
  STAFF_OIDC_CLIENT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  STAFF_OIDC_USERNAME_CLAIM: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/, 'not a claim name').default('preferred_username'),
  STAFF_OIDC_LABEL: z.string().trim().min(2).max(60).default('Accedi con l\u2019account del Comune'),
});

export type AppConfig = Omit<z.infer<typeof envSchema>, 'AUTH_DEV_IDP' | 'DEV_IO_ENABLED'> & {
  /** Whether /dev-io is served (DEV_IO_ENABLED, default on in development). */
  DEV_IO_ENABLED: boolean;
  /** Where the IO adapter sends: APP_IO_API_BASE_URL, else /dev-io/api/v1 of PUBLIC_BASE_URL when the development IO is on; undefined: IO off. */
  appIoBaseUrl: string | undefined;
  alertTopicsFile: string;
  pgliteDir: string;
  documentsDir: string;
  AUTH_DEV_IDP: boolean;
  /** How many app processes to run: WEB_CONCURRENCY, else one per core on PostgreSQL and 1 on PGlite. */
  webConcurrency: number;
};

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  // Treat empty strings as unset so `FOO= npm start` falls back to the default.
  const cleaned = Object.fromEntries(
    Object.keys(envSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigValidationError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  const cfg = parsed.data;
  const crossProblems = [
    ...(cfg.AUTH_MODE === 'jwks' && !cfg.AUTH_JWKS_URL ? ['AUTH_JWKS_URL: required when AUTH_MODE=jwks'] : []),
    ...(cfg.NODE_ENV === 'production' && cfg.PAYMENTS_ADAPTER === 'fake'
      ? ['PAYMENTS_ADAPTER: fake is not allowed when NODE_ENV=production (use gpd)']
      : []),
    ...(cfg.NODE_ENV === 'production' && cfg.DEV_PAGOPA_ENABLED ? ['DEV_PAGOPA_ENABLED: the development pagoPA is not allowed when NODE_ENV=production'] : []),
    ...(cfg.PAYMENTS_ADAPTER === 'gpd' && !cfg.PAGOPA_API_BASE_URL ? ['PAGOPA_API_BASE_URL: required when PAYMENTS_ADAPTER=gpd'] : []),
    ...(cfg.PAYMENTS_ADAPTER === 'gpd' && !cfg.PAGOPA_GPD_KEY ? ['PAGOPA_GPD_KEY: required when PAYMENTS_ADAPTER=gpd'] : []),
    // Task acts: ANPR
    ...(cfg.NODE_ENV === 'production' && cfg.ANPR_ADAPTER === 'fake' ? ['ANPR_ADAPTER: fake is not allowed when NODE_ENV=production (use http)'] : []),
    ...(cfg.NODE_ENV === 'production' && cfg.DEV_ANPR_ENABLED ? ['DEV_ANPR_ENABLED: the development ANPR is not allowed when NODE_ENV=production'] : []),
    ...(cfg.ANPR_ADAPTER === 'http' && !cfg.ANPR_API_BASE_URL ? ['ANPR_API_BASE_URL: required when ANPR_ADAPTER=http'] : []),
    ...(cfg.ANPR_ADAPTER === 'http' && !cfg.ANPR_BEARER_TOKEN ? ['ANPR_BEARER_TOKEN: required when ANPR_ADAPTER=http'] : []),
    ...(cfg.NODE_ENV === 'production' && cfg.AUTH_MODE === 'dev-keys'
      ? ['AUTH_MODE: dev-keys is not allowed when NODE_ENV=production (use jwks)']
      : []),
    ...(!cfg.DATABASE_URL && (cfg.WEB_CONCURRENCY ?? 1) > 1
      ? [`WEB_CONCURRENCY: PGlite serves one process, so ${cfg.WEB_CONCURRENCY} is not possible without DATABASE_URL (use 1, or PostgreSQL)`]
      : []),
    ...(cfg.NODE_ENV === 'production' && cfg.AUTH_DEV_IDP ? ['AUTH_DEV_IDP: the development identity provider is refused when NODE_ENV=production'] : []),
    ...(cfg.NODE_ENV === 'production' && cfg.CITIZEN_OIDC_PROVIDERS?.some((p) => !p.issuer.startsWith('https://'))
      ? ['CITIZEN_OIDC_PROVIDERS: issuers must be https:// when NODE_ENV=production']
      : []),
    ...(cfg.NODE_ENV === 'production' && cfg.DEV_IO_ENABLED ? ['DEV_IO_ENABLED: the development App IO is refused when NODE_ENV=production'] : []),
    ...(cfg.NODE_ENV === 'production' && cfg.APP_IO_API_BASE_URL && /\/dev-io(\/|$)/.test(cfg.APP_IO_API_BASE_URL)
      ? ['APP_IO_API_BASE_URL: the development App IO (/dev-io) is refused when NODE_ENV=production']
      : []),
    ...(cfg.NODE_ENV === 'production' && cfg.APP_IO_API_BASE_URL && !cfg.APP_IO_API_KEY ? ['APP_IO_API_KEY: required with APP_IO_API_BASE_URL when NODE_ENV=production'] : []),
    ...(cfg.NODE_ENV === 'production' && !cfg.CITIZEN_OIDC_RP_KEY && cfg.CITIZEN_OIDC_PROVIDERS?.some((p) => p.tokenAuth === 'private_key_jwt')
      ? ['CITIZEN_OIDC_RP_KEY: required when NODE_ENV=production and a citizen provider uses private_key_jwt']
      : []),
    ...(cfg.STAFF_OIDC_ISSUER && !cfg.STAFF_OIDC_CLIENT_ID ? ['STAFF_OIDC_CLIENT_ID: required when STAFF_OIDC_ISSUER is set'] : []),
    ...(cfg.NODE_ENV === 'production' && cfg.STAFF_OIDC_ISSUER && !cfg.STAFF_OIDC_ISSUER.startsWith('https://') ? ['STAFF_OIDC_ISSUER: must be https:// when NODE_ENV=production'] : []),
    ...(cfg.NODE_ENV === 'production' && cfg.STAFF_OIDC_ISSUER && !cfg.STAFF_OIDC_CLIENT_SECRET && !cfg.CITIZEN_OIDC_RP_KEY
      ? ['CITIZEN_OIDC_RP_KEY: required when NODE_ENV=production and the staff OIDC login uses private_key_jwt (no STAFF_OIDC_CLIENT_SECRET)']
      : []),
  ];
  if (crossProblems.length) throw new ConfigValidationError(crossProblems);
  const dataDir = cfg.DATA_DIR.replace(/\/$/, '');
  const devIdp = cfg.AUTH_DEV_IDP ?? cfg.NODE_ENV === 'development';
  const devIo = cfg.DEV_IO_ENABLED ?? cfg.NODE_ENV === 'development';
  return {
    ...cfg,
    AUTH_DEV_IDP: devIdp,
    DEV_IO_ENABLED: devIo,
    appIoBaseUrl: cfg.APP_IO_API_BASE_URL ?? (devIo ? `${cfg.PUBLIC_BASE_URL.replace(/\/+$/, '')}/dev-io/api/v1` : undefined),
    alertTopicsFile: cfg.ALERT_TOPICS_FILE ?? `${cfg.PROCESSES_DIR.replace(/\/$/, '')}/alert-topics.json`,
    pgliteDir: cfg.PGLITE_DIR ?? `${dataDir}/pglite`,
    documentsDir: cfg.DOCUMENTS_DIR ?? `${dataDir}/documents`,
    webConcurrency: cfg.WEB_CONCURRENCY ?? (cfg.DATABASE_URL ? availableParallelism() : 1),
  };
}
