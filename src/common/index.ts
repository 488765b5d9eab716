export { DomainException, ErrorKind, FieldError } from './domain.exception';
export { ProblemDetails, ProblemFilter, statusOf, toProblem } from './problem.filter';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, PageRequest, parsePageRequest } from './pagination';
export { ApiProblems, mergeProblems } from './api-problems.decorator';
export type { ProblemCodes, ProblemSpec, ProblemStatus } from './api-problems.decorator';
export { FieldErrorDto, ProblemDto } from './problem.dto';
export { ApiPageQuery, PageDto } from './page.dto';
export type { PageDtoType } from './page.dto';
export { toOpenApi31 } from './openapi-31';
