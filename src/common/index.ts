export { DomainException, ErrorKind, FieldError } from './domain.exception';
export { PageErrorRenderer, ProblemDetails, ProblemFilter, statusOf, toProblem } from './problem.filter';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, PageRequest, parsePageRequest } from './pagination';
