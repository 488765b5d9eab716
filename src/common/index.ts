export { DomainException, ErrorKind, FieldError } from './domain.exception';
export { safeError } from './safe-error';
export { PageErrorRenderer, ProblemDetails, ProblemFilter, sqlStateOf, statusOf, toProblem } from './problem.filter';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, PageRequest, parsePageRequest } from './pagination';
export {
  decodeOmocodia,
  fiscalCodeCheckChar,
  fiscalCodeProblem,
  FiscalCodeProblem,
  isElevenDigitCode,
  isPersonOrLegalFiscalCode,
  isValidFiscalCode,
  normaliseFiscalCode,
} from './fiscal-code';
export { rateLimitBucket } from './client-address';
export { hasUnstorableCharacters, InputHygienePipe } from './input-hygiene.pipe';
export { ApiProblems, mergeProblems } from './api-problems.decorator';
export type { ProblemCodes, ProblemSpec, ProblemStatus } from './api-problems.decorator';
export { FieldErrorDto, ProblemDto } from './problem.dto';
export { ApiPageQuery, PageDto } from './page.dto';
export type { PageDtoType } from './page.dto';
export { toOpenApi31 } from './openapi-31';
export { localSecret } from './local-secret';
