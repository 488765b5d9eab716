import type * as Jose from 'jose';

export type JoseLib = typeof Jose;

let loading: Promise<JoseLib> | undefined;

/**
 * jose 6 is ESM-only. Node 20.19+ could `require` it, but jest's CommonJS runtime cannot on
 * Node 20, so it is loaded with a real dynamic import (kept as `import()` by module nodenext),
 * which works in compiled CommonJS and under jest with --experimental-vm-modules.
 */
export const loadJose = (): Promise<JoseLib> => (loading ??= import('jose'));
