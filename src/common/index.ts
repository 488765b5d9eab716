export { DomainException, ErrorKind, FieldError } from './domain.exception';
export { ProblemDetails, ProblemFilter, statusOf, toProblem } from './problem.filter';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, PageRequest, parsePageRequest } from './pagination';
export { ProblemResponseDto } from './problem.response.dto';
