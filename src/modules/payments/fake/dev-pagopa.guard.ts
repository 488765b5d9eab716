import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../../config';
import { DomainException } from '../../../common';
import { PaymentGatewayUnauthorizedException } from '../payments.exceptions';

/**
 * /dev-pagopa exists with PAYMENTS_ADAPTER=fake or DEV_PAGOPA_ENABLED (never in production: the config refuses both).
 * Its API paths (GPD, receipts, Checkout carts) require Ocp-Apim-Subscription-Key when a key is configured,
 * as the real ones do; the payer's pages do not.
 */
@Injectable()
export class DevPagoPaGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (!(this.config.DEV_PAGOPA_ENABLED ?? this.config.PAYMENTS_ADAPTER === 'fake')) throw new DomainException('DEV_PAGOPA_DISABLED', 'not-found', 'Non trovato');
    const path = req.path;
    const isApi = path.startsWith('/dev-pagopa/gpd/') || path.startsWith('/dev-pagopa/checkout/ec/');
    if (!isApi) return true;
    const expected = path.startsWith('/dev-pagopa/checkout/ec/') ? (this.config.PAGOPA_CHECKOUT_KEY ?? this.config.PAGOPA_GPD_KEY) : this.config.PAGOPA_GPD_KEY;
    if (!expected) return true;
    const given = Buffer.from(String(req.headers['ocp-apim-subscription-key'] ?? ''));
    const want = Buffer.from(expected);
    if (given.length !== want.length || !timingSafeEqual(given, want)) throw new PaymentGatewayUnauthorizedException();
    return true;
  }
}
