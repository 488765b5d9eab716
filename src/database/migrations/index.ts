import { EngineSchema1763900000000 } from './1763900000000-EngineSchema';

/** Every migration, in order. Never edit one that has landed: add a new one. */
export const MIGRATIONS = [EngineSchema1763900000000];
