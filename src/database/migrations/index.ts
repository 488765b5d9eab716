import { EngineSchema1763900000000 } from './1763900000000-EngineSchema';
import { ProtocolRegister1763900000100 } from './1763900000100-ProtocolRegister';
import { Catalogue1763900000200 } from './1763900000200-Catalogue';
import { Notifications1763900000300 } from './1763900000300-Notifications';
import { Cases1763900000400 } from './1763900000400-Cases';
import { TaskIndexes1763900000500 } from './1763900000500-TaskIndexes';
import { IntegrationEvents1764000000800 } from './1764000000800-IntegrationEvents';
import { ServiceAccounts1764000000810 } from './1764000000810-ServiceAccounts';
import { Webhooks1764000000820 } from './1764000000820-Webhooks';

/** Every migration, in order. Never edit one that has landed: add a new one. */
export const MIGRATIONS = [EngineSchema1763900000000, ProtocolRegister1763900000100, Catalogue1763900000200, Notifications1763900000300, Cases1763900000400, TaskIndexes1763900000500, IntegrationEvents1764000000800, ServiceAccounts1764000000810, Webhooks1764000000820];
