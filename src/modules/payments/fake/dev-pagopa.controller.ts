import { ApiExcludeController } from '@nestjs/swagger';
import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse, ApiCreatedResponse, ApiTags, ApiSeeOtherResponse, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../identity';
import { ApiProblems, CartRequestDto, ClockResponseDto, DebtPositionDto, ReceiptDto, ReceiptListDto } from '../dto/pagopa.dto';
import { PaymentInvalidException } from '../payments.exceptions';
import type { CartRequest, DebtPosition, Receipt } from '../payments.port';
import { renderCheckoutPage } from './checkout-page';
import { DevPagoPaGuard } from './dev-pagopa.guard';
import { CheckoutOutcome, FakePagoPa } from './fake-pagopa';

const GPD = 'gpd/debt-positions-service/v1/organizations/:org';
const RECEIPTS = 'gpd/payments-receipts-service/v1/payments/:org/receipts';

/** The development pagoPA over HTTP: GPD's and Checkout's paths under /dev-pagopa, and the payer's pages. */
@ApiTags('dev-pagopa')
@Public()
@UseGuards(DevPagoPaGuard)
// The development pagoPA fakes an external system: not part of Sportello's API document.
@ApiExcludeController()
@Controller('dev-pagopa')
export class DevPagoPaController {
  constructor(private readonly pagopa: FakePagoPa) {}

  @Post(`${GPD}/debtpositions`)
  @ApiCreatedResponse({ type: DebtPositionDto })
  @ApiProblems([400, 'PAYMENT_INVALID: the field errors name each field'], [401, 'PAYMENT_GATEWAY_UNAUTHORIZED'], [409, 'PAYMENT_POSITION_CONFLICT: IUPD or IUV taken'])
  create(@Param('org') org: string, @Query('toPublish') toPublish: string | undefined, @Body() body: DebtPositionDto): Promise<DebtPosition> {
    return this.pagopa.createPosition(org, body as DebtPosition, toPublish === 'true');
  }

  @Get(`${GPD}/debtpositions/:iupd`)
  @ApiOkResponse({ type: DebtPositionDto })
  @ApiProblems([401, 'PAYMENT_GATEWAY_UNAUTHORIZED'], [404, 'PAYMENT_POSITION_NOT_FOUND'])
  get(@Param('org') org: string, @Param('iupd') iupd: string): Promise<DebtPosition> {
    return this.pagopa.getPosition(org, iupd);
  }

  @Post(`${GPD}/debtpositions/:iupd/publish`)
  @HttpCode(200)
  @ApiOkResponse({ type: DebtPositionDto })
  @ApiProblems([401, 'PAYMENT_GATEWAY_UNAUTHORIZED'], [404, 'PAYMENT_POSITION_NOT_FOUND'], [409, 'PAYMENT_POSITION_CONFLICT: not a draft'])
  publish(@Param('org') org: string, @Param('iupd') iupd: string): Promise<DebtPosition> {
    return this.pagopa.publish(org, iupd);
  }

  @Post(`${GPD}/debtpositions/:iupd/invalidate`)
  @HttpCode(200)
  @ApiOkResponse({ type: DebtPositionDto })
  @ApiProblems([401, 'PAYMENT_GATEWAY_UNAUTHORIZED'], [404, 'PAYMENT_POSITION_NOT_FOUND'], [409, 'PAYMENT_POSITION_CONFLICT: not published'])
  invalidate(@Param('org') org: string, @Param('iupd') iupd: string): Promise<DebtPosition> {
    return this.pagopa.invalidate(org, iupd);
  }

  @Post(`${GPD}/paymentoptions/paids/:nav`)
  @HttpCode(200)
  @ApiOkResponse({ type: ClockResponseDto, description: 'Reported as paid (no receipt: paid outside pagoPA)' })
  @ApiProblems([400, 'PAYMENT_INVALID: malformed NAV'], [401, 'PAYMENT_GATEWAY_UNAUTHORIZED'], [404, 'PAYMENT_NOTICE_NOT_FOUND'], [409, 'PAYMENT_NOTICE_NOT_PAYABLE'])
  async markPaid(@Param('org') org: string, @Param('nav') nav: string): Promise<{ now: string }> {
    await this.pagopa.markPaid(org, nav);
    return { now: this.pagopa.now().toISOString() };
  }

  @Get(`${RECEIPTS}/:iuv`)
  @ApiOkResponse({ type: ReceiptDto })
  @ApiProblems([401, 'PAYMENT_GATEWAY_UNAUTHORIZED'], [404, 'PAYMENT_RECEIPT_NOT_FOUND'])
  receipt(@Param('org') org: string, @Param('iuv') iuv: string): Promise<Receipt> {
    return this.pagopa.getReceipt(org, iuv);
  }

  /**
   * The receipts service's list, with its filters: `from`/`to` are days (YYYY-MM-DD, UTC, both
   * included) on the payment time, `page` counts from 0, `limit` per page; each entry names an
   * IUV whose receipt is read at `${RECEIPTS}/{iuv}`.
   */
  @Get(RECEIPTS)
  @ApiOkResponse({ type: ReceiptListDto })
  @ApiProblems([400, 'PAYMENT_INVALID: from, to, page or limit'], [401, 'PAYMENT_GATEWAY_UNAUTHORIZED'])
  async receipts(@Param('org') org: string, @Query() query: Record<string, string | undefined>): Promise<ReceiptListDto> {
    const day = (field: 'from' | 'to', fallback: string) => {
      const v = query[field] ?? fallback;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
        errors.push({ field, message: 'Data non valida: usare il formato AAAA-MM-GG' });
        return new Date(0);
      }
      return new Date(`${v}T00:00:00Z`);
    };
    const errors: Array<{ field: string; message: string }> = [];
    const from = day('from', '1970-01-01');
    const to = day('to', '9999-12-31');
    const page = Number(query.page ?? 0);
    const limit = Number(query.limit ?? 50);
    if (!Number.isInteger(page) || page < 0) errors.push({ field: 'page', message: 'Da 0 in su' });
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) errors.push({ field: 'limit', message: 'Da 1 a 500' });
    if (!errors.length && to < from) errors.push({ field: 'to', message: 'Non può precedere from' });
    if (errors.length) throw new PaymentInvalidException(errors);
    const { items, total } = await this.pagopa.receiptList(org, from, new Date(to.getTime() + 86_400_000), page * limit, limit);
    return { receipts_list: items, page_info: { page, limit, items_found: items.length, more_pages: (page + 1) * limit < total } };
  }

  @Post('checkout/ec/v1/carts')
  @ApiFoundResponse({ description: 'Location: the Checkout page of the cart' })
  @ApiProblems([400, 'PAYMENT_INVALID: 1–5 notices, valid NAVs, amounts and return URLs'], [401, 'PAYMENT_GATEWAY_UNAUTHORIZED'])
  async cart(@Body() body: CartRequestDto, @Res() res: Response): Promise<void> {
    res.redirect(302, await this.pagopa.createCart(body as CartRequest));
  }

  @Get('checkout/:id')
  @ApiProduces('text/html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOkResponse({ description: 'The Checkout page: Paga, Annulla, Simula un errore', schema: { type: 'string' } })
  @ApiProblems([404, 'PAYMENT_CART_NOT_FOUND'])
  async checkoutPage(@Param('id') id: string): Promise<string> {
    return renderCheckoutPage(await this.pagopa.cart(id));
  }

  @Post('checkout/:id/:outcome')
  @ApiSeeOtherResponse({ description: 'Location: the cart return URL for the outcome' })
  @ApiProblems([400, 'PAYMENT_INVALID: outcome'], [404, 'PAYMENT_CART_NOT_FOUND'], [409, 'PAYMENT_POSITION_CONFLICT or PAYMENT_NOTICE_NOT_PAYABLE'])
  async checkout(@Param('id') id: string, @Param('outcome') outcome: string, @Res() res: Response): Promise<void> {
    if (!['paga', 'annulla', 'errore'].includes(outcome)) throw new PaymentInvalidException([{ field: 'outcome', message: 'paga, annulla o errore' }]);
    res.redirect(303, await this.pagopa.completeCart(id, outcome as CheckoutOutcome, null));
  }

  /** For tests and demos: pays one notice at once, as a payer at any PSP would. */
  @Post('avvisi/:nav/paga')
  @HttpCode(200)
  @ApiOkResponse({ type: ReceiptDto })
  @ApiProblems([400, 'PAYMENT_INVALID: malformed NAV'], [404, 'PAYMENT_NOTICE_NOT_FOUND'], [409, 'PAYMENT_NOTICE_NOT_PAYABLE: paid, expired, invalid or not yet valid'])
  pay(@Param('nav') nav: string): Promise<Receipt> {
    return this.pagopa.pay(nav, null, null);
  }
}
