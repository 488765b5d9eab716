export { AuditModule } from './audit.module';
export { AuditService } from './audit.service';
export { apiAuditRecord, auditActorOf } from './audit-actor';
export { auditHash, AuditChainVerifier, GENESIS_HASH } from './audit-chain';
export type { ChainVerdict } from './audit-chain';
export * from './audit.types';
export { describeVerdict, verifyAuditTrail } from './cli/audit-verify';
export { AUDIT_CSV_HEADER, auditCsvLine } from './audit-csv';
