import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class NewAlertRequestDto {
  @ApiProperty({ example: 'allerta-meteo', description: 'A topic key of ALERT_TOPICS_FILE' }) topic!: string;
  @ApiProperty({ example: 'Allerta meteo arancione per domani', minLength: 10, maxLength: 120 }) subject!: string;
  @ApiProperty({ minLength: 80, maxLength: 8000, description: 'Plain text (no markup), in Italian' }) text!: string;
}

export class ChannelCountsDto {
  @ApiProperty() queued!: number;
  @ApiProperty() sent!: number;
  @ApiProperty() failed!: number;
}

export class AlertDeliveryCountsDto {
  @ApiProperty() total!: number;
  @ApiProperty({ type: ChannelCountsDto }) io!: ChannelCountsDto;
  @ApiProperty({ type: ChannelCountsDto }) email!: ChannelCountsDto;
  @ApiProperty({ type: ChannelCountsDto, description: 'Not yet tried (channel chosen at the first attempt), or no channel reaches the citizen' }) unassigned!: ChannelCountsDto;
}

export class AlertResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'allerta-meteo' }) topic!: string;
  @ApiProperty({ example: 'Allerta meteo' }) topicTitle!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ example: 'admin' }) createdBy!: string;
  @ApiProperty({ description: 'Subscribers the alert was queued for' }) recipients!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: AlertDeliveryCountsDto }) delivery!: AlertDeliveryCountsDto;
}

export class AlertListResponseDto {
  @ApiProperty({ type: [AlertResponseDto] }) items!: AlertResponseDto[];
}

export class AlertRecipientDto {
  @ApiProperty({ example: 'RSSMRA80A01H501U' }) fiscalCode!: string;
  @ApiProperty({ enum: ['io', 'email'], nullable: true, type: String }) channel!: string | null;
  @ApiProperty({ enum: ['pending', 'sent', 'failed'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) ioMessageId!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String }) sentAt!: string | null;
}

export class AlertRecipientPageDto {
  @ApiProperty({ type: [AlertRecipientDto] }) items!: AlertRecipientDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class AlertTopicDto {
  @ApiProperty({ example: 'allerta-meteo' }) key!: string;
  @ApiProperty({ example: 'Allerta meteo' }) title!: string;
  @ApiProperty() description!: string;
  @ApiPropertyOptional({ description: 'Subscribers (administrators only)' }) subscribers?: number;
}

export class AlertTopicListDto {
  @ApiProperty({ type: [AlertTopicDto] }) items!: AlertTopicDto[];
}
