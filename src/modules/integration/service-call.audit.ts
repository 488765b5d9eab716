import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../../common/logging.module';
import { Transactions } from '../../database';
import { AuditService, auditActorOf } from '../audit';
import { principalOf, ServicePrincipal } from '../identity';
import { ServiceAccountsRepository } from './service-accounts.repository';

/**
 * Every call made with a service account's key is recorded once the response is sent: in the
 * platform audit trail (`api.call`, channel `api`, resource `endpoint` = method and path, with the
 * caller's address) and, in the same transaction, in `service_account_call` (key, status), which
 * `GET /api/v1/admin/service-accounts/{id}/calls` reads.
 */
@Injectable()
export class ServiceCallAudit implements NestMiddleware {
  private readonly repo: ServiceAccountsRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    this.repo = new ServiceAccountsRepository(tx);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    res.on('finish', () => {
      const principal = principalOf(req);
      if (principal?.kind !== 'service') return;
      const call = { accountId: principal.accountId, keyId: principal.keyId, method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode };
      void this.record(call, principal, req.ip);
    });
    next();
  }

  async record(call: { accountId: string; keyId: string; method: string; path: string; status: number }, principal: ServicePrincipal, address?: string): Promise<void> {
    const entry = {
      actor: auditActorOf(principal),
      action: 'api.call',
      resource: { type: 'endpoint' as const, id: `${call.method} ${call.path.slice(0, 500)}` },
      channel: 'api' as const,
      address: address ?? null,
    };
    try {
      // Outside the request's transaction: the record of a call stays even when its own work rolled back.
      await this.tx.detached(() => this.audit.audited(entry, () => this.repo.recordCall(call)));
    } catch (e: unknown) {
      this.logger.error({ err: e, accountId: call.accountId, path: call.path }, 'service account call not recorded');
    }
  }
}
