import { EngineSchema1763900000000 } from './1763900000000-EngineSchema';
import { ProtocolRegister1763900000100 } from './1763900000100-ProtocolRegister';
import { Catalogue1763900000200 } from './1763900000200-Catalogue';
import { Notifications1763900000300 } from './1763900000300-Notifications';
import { Cases1763900000400 } from './1763900000400-Cases';
import { TaskIndexes1763900000500 } from './1763900000500-TaskIndexes';
import { CaseInteractions1764000000600 } from './1764000000600-CaseInteractions';

/** Every migration, in order. Never edit one that has landed: add a new one. */
export const MIGRATIONS = [EngineSchema1763900000000, ProtocolRegister1763900000100, Catalogue1763900000200, Notifications1763900000300, Cases1763900000400, TaskIndexes1763900000500, CaseInteractions1764000000600];
