import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '../../config';
import { Jwk, Public, relyingPartyKey } from '../identity';

/**
 * The relying party's public keys (jwks_uri): SPID/CIE providers verify our request objects and
 * private_key_jwt client assertions against them. Public, no personal data.
 */
@ApiExcludeController()
@Controller('.well-known')
@Public()
export class RpJwksController {
  private keys?: { keys: Jwk[] };

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=300')
  jwks(): { keys: Jwk[] } {
    this.keys ??= { keys: [relyingPartyKey(this.config).publicJwk] };
    return this.keys;
  }
}
