import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

/** problem+json answers a route gives, each with the codes it may carry. */
export const ApiProblems = (...problems: Array<[status: number, description: string]>) =>
  applyDecorators(...problems.map(([status, description]) => ApiResponse({ status, description, content: PROBLEM })));

export class StampDto {
  @ApiProperty({ description: 'Base64 SHA-256 of the document the marca da bollo is for' }) hashDocument!: string;
  @ApiProperty({ example: '01' }) stampType!: string;
  @ApiProperty({ example: 'VE' }) provincialResidence!: string;
}

export class TransferDto {
  @ApiProperty({ example: '1', description: '"1".."5"' }) idTransfer!: string;
  @ApiProperty({ description: 'Euro cents', example: 1600 }) amount!: number;
  @ApiPropertyOptional() organizationFiscalCode?: string;
  @ApiProperty({ maxLength: 140 }) remittanceInformation!: string;
  @ApiProperty({ example: '9/0101100IM/' }) category!: string;
  @ApiPropertyOptional() iban?: string;
  @ApiPropertyOptional() postalIban?: string;
  @ApiPropertyOptional({ type: StampDto }) stamp?: StampDto;
}

export class PaymentOptionDto {
  @ApiProperty({ example: '01202600000000103' }) iuv!: string;
  @ApiPropertyOptional({ example: '301202600000000103' }) nav?: string;
  @ApiProperty({ description: 'Euro cents', example: 1600 }) amount!: number;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ format: 'date-time' }) dueDate!: string;
  @ApiProperty() isPartialPayment!: boolean;
  @ApiPropertyOptional({ enum: ['PO_UNPAID', 'PO_PAID', 'PO_PARTIALLY_REPORTED', 'PO_REPORTED'] }) status?: string;
  @ApiProperty({ type: [TransferDto] }) transfer!: TransferDto[];
}

export class DebtPositionDto {
  @ApiProperty({ example: '00000000000-8c1f0f7e-3b7a-4d0c-9a55-2b1a1f6c7e10' }) iupd!: string;
  @ApiProperty({ enum: ['F', 'G'] }) type!: string;
  @ApiProperty() fiscalCode!: string;
  @ApiProperty() fullName!: string;
  @ApiPropertyOptional() email?: string;
  @ApiProperty() companyName!: string;
  @ApiPropertyOptional({ format: 'date-time' }) validityDate?: string;
  @ApiProperty() switchToExpired!: boolean;
  @ApiProperty({ type: [PaymentOptionDto] }) paymentOption!: PaymentOptionDto[];
  @ApiPropertyOptional({ enum: ['DRAFT', 'PUBLISHED', 'VALID', 'PARTIALLY_PAID', 'PAID', 'EXPIRED', 'INVALID', 'REPORTED'] }) status?: string;
}

export class ReceiptDto {
  @ApiProperty() receiptId!: string;
  @ApiProperty() organizationFiscalCode!: string;
  @ApiProperty() iuv!: string;
  @ApiProperty() noticeNumber!: string;
  @ApiProperty({ description: 'Euro cents' }) amount!: number;
  @ApiProperty() debtorFiscalCode!: string;
  @ApiProperty({ format: 'date-time' }) paymentDateTime!: string;
}

/** One entry of the receipts service's list: the receipt itself is read by IUV. */
export class ReceiptListItemDto {
  @ApiProperty() organizationFiscalCode!: string;
  @ApiProperty() iuv!: string;
  @ApiProperty() debtorFiscalCode!: string;
}

export class ReceiptPageInfoDto {
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() items_found!: number;
  @ApiProperty() more_pages!: boolean;
}

export class ReceiptListDto {
  @ApiProperty({ type: [ReceiptListItemDto] }) receipts_list!: ReceiptListItemDto[];
  @ApiProperty({ type: ReceiptPageInfoDto }) page_info!: ReceiptPageInfoDto;
}

export class CartNoticeDto {
  @ApiProperty() noticeNumber!: string;
  @ApiProperty() fiscalCode!: string;
  @ApiProperty() amount!: number;
  @ApiProperty() companyName!: string;
  @ApiProperty() description!: string;
}

export class ReturnUrlsDto {
  @ApiProperty() returnOkUrl!: string;
  @ApiProperty() returnCancelUrl!: string;
  @ApiProperty() returnErrorUrl!: string;
}

export class CartRequestDto {
  @ApiProperty({ type: [CartNoticeDto], minItems: 1, maxItems: 5 }) paymentNotices!: CartNoticeDto[];
  @ApiProperty({ type: ReturnUrlsDto }) returnUrls!: ReturnUrlsDto;
  @ApiPropertyOptional() emailNotice?: string;
}

export class ClockResponseDto {
  @ApiProperty({ format: 'date-time' }) now!: string;
}

export class PaymentResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: '301202600000000103', description: 'Numero avviso (NAV)' }) noticeNumber!: string;
  @ApiProperty({ example: '01202600000000103' }) iuv!: string;
  @ApiProperty({ example: '00000000000' }) creditorFiscalCode!: string;
  @ApiProperty({ description: 'Euro cents', example: 31240 }) amount!: number;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'date-time' }) dueDate!: string;
  @ApiProperty({ enum: ['pending', 'published', 'paid', 'failed'] }) status!: string;
  @ApiProperty({ example: 'Da pagare' }) statusLabel!: string;
  @ApiProperty({ description: 'Payable now through Checkout' }) payable!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) paidAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) receiptId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ example: 'PAGOPA|002|301202600000000103|00000000000|31240' }) qrCode!: string;
}
