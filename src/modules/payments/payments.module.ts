import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config';
import { CasesModule } from '../cases';
import { DocumentsModule } from '../documents';
import { NotificationsModule } from '../notifications';
import { AvvisoIssuer } from './avviso/avviso-issuer';
import { EngineModule } from '../engine';
import { CasePaymentsRepository } from './case-payments.repository';
import { CasePaymentsController } from './payments.controller';
import { DevPagoPaController } from './fake/dev-pagopa.controller';
import { DevPagoPaGuard } from './fake/dev-pagopa.guard';
import { FakePagoPa } from './fake/fake-pagopa';
import { FakePagoPaRepository } from './fake/fake-pagopa.repository';
import { GpdHttpAdapter } from './gpd/gpd-http.adapter';
import { CreateDebtHandler } from './handlers/create-debt.handler';
import { DebtDispatcher } from './handlers/debt-dispatcher';
import { PaymentNoticeAnnouncer } from './handlers/payment-notice.announcer';
import { PaymentsJobs } from './handlers/payments-jobs';
import { ReceiptReconciler } from './handlers/receipt-reconciler';
import { NavAllocator } from './nav-allocator';
import { PAYMENTS_PORT, PaymentsPort } from './payments.port';
import { PaymentsService } from './payments.service';

/** pagoPA fees: PAYMENTS_PORT is the real GPD/Checkout adapter or the development pagoPA (PAYMENTS_ADAPTER). */
@Module({
  imports: [EngineModule, CasesModule, DocumentsModule, NotificationsModule],
  controllers: [DevPagoPaController, CasePaymentsController],
  providers: [
    FakePagoPaRepository,
    FakePagoPa,
    DevPagoPaGuard,
    NavAllocator,
    CasePaymentsRepository,
    CreateDebtHandler,
    DebtDispatcher,
    PaymentNoticeAnnouncer,
    ReceiptReconciler,
    PaymentsJobs,
    PaymentsService,
    AvvisoIssuer,
    {
      provide: PAYMENTS_PORT,
      inject: [APP_CONFIG, FakePagoPa],
      useFactory: (c: AppConfig, fake: FakePagoPa): PaymentsPort =>
        c.PAYMENTS_ADAPTER === 'fake'
          ? fake
          : new GpdHttpAdapter({ baseUrl: c.PAGOPA_API_BASE_URL!, gpdKey: c.PAGOPA_GPD_KEY!, checkoutKey: c.PAGOPA_CHECKOUT_KEY ?? c.PAGOPA_GPD_KEY!, timeoutMs: c.PAGOPA_TIMEOUT_MS }),
    },
  ],
  exports: [PAYMENTS_PORT, NavAllocator, FakePagoPa, PaymentsService, DebtDispatcher, ReceiptReconciler, PaymentsJobs],
})
export class PaymentsModule {}
