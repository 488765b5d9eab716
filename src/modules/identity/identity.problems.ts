import type { ProblemSpec } from '../../common';
import { IDENTITY_MESSAGES as M } from './identity.messages';

/** What the global guard answers on any non-public route: spread into `@ApiProblems(...)`. */
export const AUTH_PROBLEMS: ProblemSpec = {
  401: { IDENTITY_UNAUTHENTICATED: M.missingToken },
  403: { IDENTITY_FORBIDDEN: M.forbidden },
};
