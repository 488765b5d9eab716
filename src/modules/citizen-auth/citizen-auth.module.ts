import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { AuditModule } from '../audit';
import { CatalogueModule } from '../catalogue';
import { CitizenLevelMiddleware } from './citizen-level.middleware';
import { CitizenLoginController } from './citizen-login.controller';
import { DevIdpController } from './dev-idp/dev-idp.controller';
import { DevIdpService } from './dev-idp/dev-idp.service';
import { LoginButtonsMiddleware } from './login-buttons.middleware';
import { OidcRelyingPartyService } from './oidc-relying-party.service';
import { RpJwksController } from './rp-jwks.controller';

/** Citizen login over OpenID Connect (SPID/CIE) and the bundled development provider. */
@Module({
  imports: [AuditModule, CatalogueModule],
  controllers: [CitizenLoginController, DevIdpController, RpJwksController],
  providers: [OidcRelyingPartyService, DevIdpService, CitizenLevelMiddleware, LoginButtonsMiddleware],
  exports: [OidcRelyingPartyService, DevIdpService],
})
export class CitizenAuthModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CitizenLevelMiddleware).forRoutes('servizi/*path');
    consumer.apply(LoginButtonsMiddleware).forRoutes('accesso');
  }
}
