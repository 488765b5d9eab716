import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../../common/logging.module';
import { Transactions } from '../../database';
import { principalOf } from '../identity';
import { ServiceAccountsRepository } from './service-accounts.repository';

/**
 * Every call made with a service account's key is recorded once the response is sent (method,
 * path, status, key). `record` is the single place to swap for the platform audit module.
 */
@Injectable()
export class ServiceCallAudit implements NestMiddleware {
  private readonly repo: ServiceAccountsRepository;

  constructor(
    tx: Transactions,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    this.repo = new ServiceAccountsRepository(tx);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    res.on('finish', () => {
      const principal = principalOf(req);
      if (principal?.kind !== 'service') return;
      void this.record({ accountId: principal.accountId, keyId: principal.keyId, method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode });
    });
    next();
  }

  async record(call: { accountId: string; keyId: string; method: string; path: string; status: number }): Promise<void> {
    try {
      await this.repo.recordCall(call);
    } catch (e: unknown) {
      this.logger.error({ err: e, accountId: call.accountId, path: call.path }, 'service account call not recorded');
    }
  }
}
