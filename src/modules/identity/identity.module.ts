import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '../../config';
import { ApiKeyAuthenticators } from './api-key-authenticators';
import { AuthGuard } from './auth.guard';
import { DEFAULT_ROUTE_RULES, ROUTE_RULES } from './route-rules';
import { createTokenKeys, TOKEN_KEYS } from './token-keys';
import { TokenService } from './token.service';
import { TokenVerifier } from './token-verifier';

/** Principals for the HTTP API: bearer JWT verification on every route, dev token issuing (staff accounts: StaffModule). */
@Global()
@Module({
  providers: [
    { provide: TOKEN_KEYS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createTokenKeys(config) },
    { provide: ROUTE_RULES, useValue: DEFAULT_ROUTE_RULES },
    TokenVerifier,
    TokenService,
    ApiKeyAuthenticators,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenVerifier, TokenService, ApiKeyAuthenticators],
})
export class IdentityModule {}
