export { WebModule } from './web.module';
export { configureWeb, PAGE_ERRORS, SESSION_COOKIE } from './configure-web';
export { Page, PageGuard } from './page-auth';
export { CSRF_FIELD, CSRF_HEADER, csrfTokenOf } from './csrf';
export { PgSessionStore } from './pg-session.store';
export { safeReturnPath } from './page-errors';
export { WebForbiddenException, WebInvalidInputException, WebLoginRequiredException, WebCsrfInvalidException } from './web.exceptions';
export { WEB_MESSAGES } from './web.messages';
import './session-data';
