export { PortalModule } from './portal.module';
export { DraftRetentionService, DRAFT_RETENTION_MONTHS } from './draft-retention.service';
