import { Body, Controller, Get, Post, Query, Redirect, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainException } from '../../common';
import { CitizenPrincipal, CurrentPrincipal } from '../identity';
import { PAYMENT_PAGE_NOTICES, PaymentPageNotice, PaymentsService } from '../payments';
import { Page } from '../web';
import { PersonalAreaService } from './personal-area.service';

const TAB = '/area-personale/pagamenti';

/**
 * The Pagamenti tab's "Paga con pagoPA": the chosen notices (1–5) become one Checkout cart and
 * the payer is sent to pagoPA; Checkout sends them back to `GET /area-personale/pagamenti` with
 * the outcome. Refusals come back to the tab as a notice on the notices' fieldset.
 */
@ApiExcludeController()
@Controller('area-personale/pagamenti')
@Page('citizen')
export class PaymentsPagesController {
  constructor(
    private readonly area: PersonalAreaService,
    private readonly payments: PaymentsService,
  ) {}

  @Get()
  @Render('portal/area-personale')
  async tab(@CurrentPrincipal() citizen: CitizenPrincipal, @Query('esito') outcome: unknown): Promise<object> {
    const key = typeof outcome === 'string' && Object.hasOwn(PAYMENT_PAGE_NOTICES, outcome) ? (outcome as PaymentPageNotice) : null;
    return { ...(await this.area.area(citizen, 'pagamenti')), paymentNotice: key ? PAYMENT_PAGE_NOTICES[key] : null };
  }

  @Post()
  @Redirect()
  async pay(@CurrentPrincipal() citizen: CitizenPrincipal, @Body() body: Record<string, unknown>): Promise<{ url: string; statusCode: number }> {
    const chosen = selected(body.avvisi);
    if (chosen === null || chosen.length === 0) return back('nessun-avviso');
    if (chosen.length > 5) return back('troppi-avvisi');
    try {
      return { url: await this.payments.checkoutUrl(citizen.fiscalCode, chosen), statusCode: 303 };
    } catch (err) {
      if (!(err instanceof DomainException)) throw err;
      if (err.code === 'PAYMENT_INVALID') return back('non-pagabile');
      if (err.code === 'PAYMENT_GATEWAY_UNAVAILABLE') return back('servizio-non-disponibile');
      throw err;
    }
  }
}

/** One checkbox posts a string, several an array; anything else is no choice. */
function selected(value: unknown): string[] | null {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) return [...new Set(value)];
  return null;
}

function back(notice: PaymentPageNotice): { url: string; statusCode: number } {
  return { url: `${TAB}?esito=${notice}#pagamenti`, statusCode: 303 };
}
