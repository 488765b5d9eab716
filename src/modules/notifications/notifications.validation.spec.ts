import { NotificationsInvalidEmailException } from './notifications.exceptions';
import { validateEmailRequest, validateEmailVariables } from './notifications.validation';

const valid = {
  caseId: 'c0a8012e-0000-4000-8000-000000000001',
  event: 'accettata',
  procedureKey: 'certificato-residenza',
  to: 'maria.rossi@example.it',
  variables: { procedureTitle: 'Certificato di residenza', citizenName: 'Maria Rossi' },
  dedupeKey: 'case-1:accettata:1',
};

function fieldErrorsOf(input: unknown): { field: string; message: string }[] {
  try {
    validateEmailRequest(input);
  } catch (e: unknown) {
    if (e instanceof NotificationsInvalidEmailException) return e.details.fieldErrors ?? [];
    throw e;
  }
  throw new Error('expected the request to be rejected');
}

describe('e-mail request validation', () => {
  it('given a well-formed request without a locale, when validated, then it passes with locale it', () => {
    // when
    const req = validateEmailRequest(valid);
    // then
    expect(req).toEqual({ ...valid, locale: 'it', item: null, fiscalCode: null, io: null });
  });

  it('given a bad address, an unknown status and a path in the procedure key, when validated, then each field is named', () => {
    // given
    const input = { ...valid, to: 'maria.rossi@', event: 'approvata', procedureKey: '../../etc' };
    // when
    const errors = fieldErrorsOf(input);
    // then
    expect(errors.map((e) => e.field).sort()).toEqual(['event', 'procedureKey', 'to']);
    expect(errors.find((e) => e.field === 'event')?.message).toContain('presa-in-carico');
    expect(errors.find((e) => e.field === 'to')?.message).toBe('indirizzo e-mail non valido');
  });

  it('given missing keys and a header-injection attempt, when validated, then the problems are reported together', () => {
    // given
    const input = {
      ...valid,
      dedupeKey: '',
      to: 'a@example.it\r\nBcc: b@example.it',
      locale: 'en',
      variables: { citizenName: 7, caseUrl: 'javascript:alert(1)' },
    };
    // when
    const errors = fieldErrorsOf(input);
    // then
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'dedupeKey', message: 'campo obbligatorio' },
        { field: 'to', message: 'non può contenere a capo' },
        { field: 'locale', message: 'valori ammessi: it' },
        { field: 'variables.citizenName', message: 'deve essere un testo' },
        { field: 'variables.caseUrl', message: 'deve essere un indirizzo http:// o https://' },
      ]),
    );
  });

  it('given a reference without variables, when validated, then it passes (they are resolved at send time)', () => {
    // when
    const { variables: _dropped, ...reference } = valid;
    const req = validateEmailRequest({ ...reference, item: 'item-1' });
    // then
    expect(req).toMatchObject({ variables: {}, item: 'item-1' });
  });

  it('given the variables resolved at send time without a procedure title, when checked, then the title is named', () => {
    // when / then
    expect(() => validateEmailVariables({ citizenName: 'Maria Rossi' })).toThrow(NotificationsInvalidEmailException);
    try {
      validateEmailVariables({ citizenName: 'Maria Rossi' });
    } catch (e: unknown) {
      expect((e as NotificationsInvalidEmailException).details.fieldErrors).toEqual([{ field: 'variables.procedureTitle', message: 'campo obbligatorio' }]);
    }
  });

  it('given something that is not an object, when validated, then the root is named', () => {
    // when / then
    expect(fieldErrorsOf('accettata')).toContainEqual({ field: '(root)', message: 'deve essere un oggetto' });
  });

  it('given a citizen with a fiscal code and no e-mail, when validated, then the notice may go to App IO only', () => {
    // when
    const req = validateEmailRequest({ ...valid, to: undefined, fiscalCode: 'RSSMRA80A01H501U' });
    // then
    expect(req).toMatchObject({ to: null, fiscalCode: 'RSSMRA80A01H501U' });
  });

  it('given neither an address nor a fiscal code, or a malformed fiscal code, when validated, then the field is named', () => {
    expect(fieldErrorsOf({ ...valid, to: undefined })).toContainEqual({ field: 'to', message: 'campo obbligatorio' });
    expect(fieldErrorsOf({ ...valid, fiscalCode: 'rssmra80a01h501u' }).map((e) => e.field)).toEqual(['fiscalCode']);
  });

  it("given App IO extras that break IO's rules, when validated, then each is named as the caller wrote it", () => {
    // when
    const fields = fieldErrorsOf({
      ...valid,
      fiscalCode: 'RSSMRA80A01H501U',
      io: { dueDate: '31/12/2026', paymentData: { amount: 12.5, noticeNumber: '4123', invalidAfterDueDate: 'no', payeeFiscalCode: 'ABC' }, extra: 1 },
    }).map((e) => e.field);
    // then
    expect(fields.sort()).toEqual(['io.dueDate', 'io.extra', 'io.paymentData.amount', 'io.paymentData.invalidAfterDueDate', 'io.paymentData.noticeNumber', 'io.paymentData.payeeFiscalCode'].sort());
  });

  it('given a topic alert, when its variables are checked, then no procedure title is needed', () => {
    expect(() => validateEmailVariables({ alertSubject: 'Allerta meteo arancione', message: 'Testo' }, 'allerta')).not.toThrow();
  });
});
