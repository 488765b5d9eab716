export { DomainException, ErrorKind, FieldError } from './domain.exception';
export { PageErrorRenderer, ProblemDetails, ProblemFilter, sqlStateOf, statusOf, toProblem } from './problem.filter';
export { safeError } from './safe-error';
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
