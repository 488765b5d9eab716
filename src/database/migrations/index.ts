import { EngineSchema1763900000000 } from './1763900000000-EngineSchema';
import { ProtocolRegister1763900000100 } from './1763900000100-ProtocolRegister';
import { Catalogue1763900000200 } from './1763900000200-Catalogue';
import { Notifications1763900000300 } from './1763900000300-Notifications';
import { Cases1763900000400 } from './1763900000400-Cases';
import { TaskIndexes1763900000500 } from './1763900000500-TaskIndexes';
import { ProtocolNumberAtCommit1764000000100 } from './1764000000100-ProtocolNumberAtCommit';
import { CaseProtocolFromRegister1764000000110 } from './1764000000110-CaseProtocolFromRegister';
import { OutboxRenderAtSend1764000000120 } from './1764000000120-OutboxRenderAtSend';
import { PortalSessionsDrafts1764000000300 } from './1764000000300-PortalSessionsDrafts';
import { Documents1764000000400 } from './1764000000400-Documents';
import { StaffAccounts1764000000500 } from './1764000000500-StaffAccounts';
import { AuditTrail1764000000510 } from './1764000000510-AuditTrail';
import { CaseInteractions1764000000600 } from './1764000000600-CaseInteractions';
import { WithdrawalProtocolAtCommit1764000000610 } from './1764000000610-WithdrawalProtocolAtCommit';
import { ModelerDrafts1764000000700 } from './1764000000700-ModelerDrafts';
import { IntegrationEvents1764000000800 } from './1764000000800-IntegrationEvents';
import { ServiceAccounts1764000000810 } from './1764000000810-ServiceAccounts';
import { Webhooks1764000000820 } from './1764000000820-Webhooks';
import { Payments1764000000900 } from './1764000000900-Payments';
import { CasePayments1764000000910 } from './1764000000910-CasePayments';
import { StaffTotpLoginLimit1764000000950 } from './1764000000950-StaffTotpLoginLimit';
import { ConsoleSavedFilters1764000001100 } from './1764000001100-ConsoleSavedFilters';
import { DeskRole1764000001200 } from './1764000001200-DeskRole';
import { CatalogueModelPhases1764000001300 } from './1764000001300-CatalogueModelPhases';
import { CataloguePublications1764000001500 } from './1764000001500-CataloguePublications';
import { IssuedPaymentNotices1764000001600 } from './1764000001600-IssuedPaymentNotices';
import { ActRequests1764000001610 } from './1764000001610-ActRequests';
import { AppIo1764000002000 } from './1764000002000-AppIo';
import { TopicAlerts1764000002010 } from './1764000002010-TopicAlerts';
import { DevAnpr1764000002100 } from './1764000002100-DevAnpr';
import { ActRequestResidence1764000002110 } from './1764000002110-ActRequestResidence';
import { ReceiptLogByPaymentTime1764000002120 } from './1764000002120-ReceiptLogByPaymentTime';
import { ActRequestPerRound1764000002130 } from './1764000002130-ActRequestPerRound';
import { DevIdpState1764000002200 } from './1764000002200-DevIdpState';
import { StaffTemporaryPassword1764000002210 } from './1764000002210-StaffTemporaryPassword';

/** Every migration, in order. Never edit one that has landed: add a new one. */
export const MIGRATIONS = [
  EngineSchema1763900000000,
  ProtocolRegister1763900000100,
  Catalogue1763900000200,
  Notifications1763900000300,
  Cases1763900000400,
  TaskIndexes1763900000500,
  ProtocolNumberAtCommit1764000000100,
  CaseProtocolFromRegister1764000000110,
  OutboxRenderAtSend1764000000120,
  PortalSessionsDrafts1764000000300,
  Documents1764000000400,
  StaffAccounts1764000000500,
  AuditTrail1764000000510,
  CaseInteractions1764000000600,
  WithdrawalProtocolAtCommit1764000000610,
  ModelerDrafts1764000000700,
  IntegrationEvents1764000000800,
  ServiceAccounts1764000000810,
  Webhooks1764000000820,
  Payments1764000000900,
  CasePayments1764000000910,
  StaffTotpLoginLimit1764000000950,
  ConsoleSavedFilters1764000001100,
  DeskRole1764000001200,
  CatalogueModelPhases1764000001300,
  CataloguePublications1764000001500,
  IssuedPaymentNotices1764000001600,
  ActRequests1764000001610,
  AppIo1764000002000,
  TopicAlerts1764000002010,
  DevAnpr1764000002100,
  ActRequestResidence1764000002110,
  ReceiptLogByPaymentTime1764000002120,
  ActRequestPerRound1764000002130,
  DevIdpState1764000002200,
  StaffTemporaryPassword1764000002210,
];
