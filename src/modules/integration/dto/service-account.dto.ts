import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SERVICE_SCOPES, ServiceScope } from '../../identity';
import { ApiKeyView, IssuedApiKey, ServiceAccountView, ServiceCallView } from '../service-accounts.types';

/** Body of POST /api/v1/admin/service-accounts. */
export class CreateServiceAccountRequestDto {
  @ApiProperty({ type: String, description: 'Unique, lower-case, 3-63 characters', example: 'tributi-gestionale' })
  name?: unknown;

  @ApiPropertyOptional({ type: String, example: 'Gestionale dei tributi: legge le pratiche TARI e riceve gli eventi' })
  description?: unknown;

  @ApiProperty({ type: [String], enum: SERVICE_SCOPES, example: ['cases:read', 'events:read'] })
  scopes?: unknown;

  @ApiProperty({ type: [String], description: 'Office keys every scope is limited to', example: ['anagrafe'] })
  offices?: unknown;

  @ApiPropertyOptional({ type: [String], description: 'Procedure keys cases:read and events:read are limited to; empty: all of those offices', example: ['certificato-residenza'] })
  procedures?: unknown;
}

export class ApiKeyDto implements ApiKeyView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'Public part of the key', example: 'sk_3f9a1c0b7d2e4f60' })
  prefix!: string;

  @ApiProperty({ example: 'admin' })
  createdBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt!: Date | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  revokedBy!: string | null;
}

export class IssuedApiKeyDto extends ApiKeyDto implements IssuedApiKey {
  @ApiProperty({
    description: 'The whole key, shown only in this answer: send it as `Authorization: Bearer <key>`',
    example: 'sk_3f9a1c0b7d2e4f60_Vb0t8k3cQm2xZp5Lr9Wd1Ny7Ha4Ej6Uf0Tg2Ks8Pq1Yo',
  })
  key!: string;
}

export class ServiceAccountDto implements ServiceAccountView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'tributi-gestionale' })
  name!: string;

  @ApiProperty({ example: 'Gestionale dei tributi' })
  description!: string;

  @ApiProperty({ type: [String], enum: SERVICE_SCOPES, example: ['cases:read', 'events:read'] })
  scopes!: ServiceScope[];

  @ApiProperty({ type: [String], example: ['anagrafe'] })
  offices!: string[];

  @ApiProperty({ type: [String], example: [] })
  procedures!: string[];

  @ApiProperty({ example: 'admin' })
  createdBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: [ApiKeyDto], description: 'Live and revoked keys, without their secret' })
  keys!: ApiKeyDto[];
}

export class ServiceCallDto implements ServiceCallView {
  @ApiProperty({ format: 'uuid' })
  keyId!: string;

  @ApiProperty({ example: 'GET' })
  method!: string;

  @ApiProperty({ example: '/api/v1/cases/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' })
  path!: string;

  @ApiProperty({ type: 'integer', example: 200 })
  status!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  at!: Date;
}
