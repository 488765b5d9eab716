export { PortalModule } from './portal.module';
export { DraftRetentionService, DRAFT_RETENTION_MONTHS } from './draft-retention.service';
export { WizardService, PORTAL_SEAT } from './wizard.service';
export type { WizardSeat } from './wizard.service';
