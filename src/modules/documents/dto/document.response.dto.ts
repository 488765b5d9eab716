import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** `AttachmentView` as the API answers it. */
export class AttachmentResponseDto {
  @ApiProperty({ format: 'uuid', description: 'Attachment id: put it in the filepicker field of the submitted data' })
  id!: string;
  @ApiProperty({ example: 'planimetria', description: 'Form field (data path, no list indexes) the file was uploaded for' })
  field!: string;
  @ApiProperty({ example: 'planimetria.pdf' })
  name!: string;
  @ApiProperty({ enum: ['application/pdf', 'image/png', 'image/jpeg'], description: 'Detected from the content, not from the name' })
  mediaType!: string;
  @ApiProperty({ example: 48213, description: 'Bytes' })
  size!: number;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', description: 'Lower-case hex SHA-256' })
  sha256!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  uploadedAt!: string;
}

/** `DocumentView`: a filed attachment, a receipt or an issued act. */
export class DocumentResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ enum: ['attachment', 'receipt', 'act', 'payment-notice'] })
  kind!: string;
  @ApiProperty({ example: 'ricevuta-SP-ABCDE-FGHJK.pdf' })
  name!: string;
  @ApiProperty({ example: 'application/pdf' })
  mediaType!: string;
  @ApiProperty({ example: 48213 })
  size!: number;
  @ApiProperty({ description: 'Lower-case hex SHA-256' })
  sha256!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  caseId!: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Code of /documenti/verifica/{code}; null for citizens’ uploads' })
  verificationCode!: string | null;
}

export class DocumentPageResponseDto {
  @ApiProperty({ type: [DocumentResponseDto] })
  items!: DocumentResponseDto[];
  @ApiProperty()
  total!: number;
  @ApiProperty()
  page!: number;
  @ApiProperty()
  pageSize!: number;
}

class VerificationProtocolDto {
  @ApiProperty({ example: '0000042' })
  number!: string;
  @ApiProperty({ example: 2026 })
  year!: number;
}

/** `VerificationView`: what the public verification page shows; no personal data. */
export class VerificationResponseDto {
  @ApiProperty()
  code!: string;
  @ApiProperty({ enum: ['receipt', 'act', 'payment-notice'] })
  kind!: string;
  @ApiProperty({ example: 'ricevuta-SP-ABCDE-FGHJK.pdf' })
  name!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  issuedAt!: string;
  @ApiProperty({ description: 'Lower-case hex SHA-256 of the issued PDF: compare with the file you hold' })
  sha256!: string;
  @ApiPropertyOptional({ type: VerificationProtocolDto, nullable: true })
  protocol!: VerificationProtocolDto | null;
  @ApiProperty({ description: 'The stored document is intact (its bytes still match the digest)' })
  valid!: boolean;
}

export class UploadRequestDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'PDF, PNG or JPEG; the type is checked on the content' })
  file!: unknown;
  @ApiProperty({ example: 'planimetria', description: 'The filepicker field (data path without list indexes)' })
  field!: string;
}
