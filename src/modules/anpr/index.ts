export { AnprModule } from './anpr.module';
export { ANPR_PORT } from './anpr.port';
export type { AnprFamilyMember, AnprPerson, AnprPort, AnprResidence, ResidenceCheck } from './anpr.port';
export { AnprHttpAdapter } from './anpr-http.adapter';
export type { AnprHttpOptions } from './anpr-http.adapter';
export { FakeAnpr } from './fake/fake-anpr';
export type { SubjectChange } from './fake/fake-anpr';
export { AnprInvalidException, AnprSubjectNotFoundException, AnprUnauthorizedException, AnprUnavailableException } from './anpr.exceptions';
