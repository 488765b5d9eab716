import { DomainException, FieldError } from '../../common';
import { validateAnnulment, validateDay, validateNewEntry, validateNumberQuery } from './protocol.validation';

const validEntry = (): Record<string, unknown> => ({
  direction: 'in',
  channel: 'web',
  correspondent: { name: 'Mario Rossi', fiscalCode: 'rssmra85t10a562s', email: 'mario.rossi@example.it' },
  subject: 'Richiesta certificato di residenza',
  office: 'anagrafe',
  caseId: '6f1c2a34-0000-4000-8000-000000000001',
  documents: [{ name: 'istanza.pdf', sha256: 'A'.repeat(64), mediaType: 'application/pdf', size: 1234 }],
});

function fieldErrorsOf(attempt: () => unknown): { code: string; fields: string[]; errors: FieldError[] } {
  try {
    attempt();
  } catch (e) {
    if (!(e instanceof DomainException)) throw e;
    const errors = e.details.fieldErrors ?? [];
    return { code: e.code, fields: errors.map((f) => f.field), errors };
  }
  throw new Error('expected a DomainException');
}

describe('protocol entry validation', () => {
  it('given a complete web entry, when validated, then it is normalised', () => {
    // when
    const entry = validateNewEntry(validEntry());
    // then
    expect(entry.correspondent.fiscalCode).toBe('RSSMRA85T10A562S');
    expect(entry.documents[0].sha256).toBe('a'.repeat(64));
    expect(entry.identification).toBeUndefined();
  });

  it('given an empty object, when validated, then every required field is named', () => {
    // when
    const result = fieldErrorsOf(() => validateNewEntry({}));
    // then
    expect(result.code).toBe('PROTOCOL_INVALID_ENTRY');
    expect(result.fields).toEqual(expect.arrayContaining(['direction', 'channel', 'correspondent', 'subject', 'office']));
  });

  it('given a subject of 1001 characters and a blank one, when validated, then subject is refused', () => {
    // when
    const long = fieldErrorsOf(() => validateNewEntry({ ...validEntry(), subject: 'x'.repeat(1001) }));
    const blank = fieldErrorsOf(() => validateNewEntry({ ...validEntry(), subject: '   ' }));
    // then
    expect(long.fields).toEqual(['subject']);
    expect(blank.fields).toEqual(['subject']);
    expect(validateNewEntry({ ...validEntry(), subject: 'x'.repeat(1000) }).subject).toHaveLength(1000);
  });

  it('given unknown direction and channel, when validated, then the allowed values are listed', () => {
    // when
    const result = fieldErrorsOf(() => validateNewEntry({ ...validEntry(), direction: 'sideways', channel: 'fax' }));
    // then
    expect(result.fields).toEqual(['direction', 'channel']);
    expect(result.errors[1].message).toContain('web, desk, email, pec, system');
  });

  it('given a desk entry without identification, when validated, then art. 38 identification is required', () => {
    // when
    const missing = fieldErrorsOf(() => validateNewEntry({ ...validEntry(), channel: 'desk' }));
    const wrong = fieldErrorsOf(() => validateNewEntry({ ...validEntry(), channel: 'desk', identification: 'trust-me' }));
    const ok = validateNewEntry({ ...validEntry(), channel: 'desk', identification: 'id-copy-attached' });
    // then
    expect(missing.fields).toEqual(['identification']);
    expect(wrong.fields).toEqual(['identification']);
    expect(ok.identification).toBe('id-copy-attached');
  });

  it('given identification on a web entry, when validated, then it is refused as desk-only', () => {
    // then
    expect(fieldErrorsOf(() => validateNewEntry({ ...validEntry(), identification: 'signed-before-employee' })).fields).toEqual([
      'identification',
    ]);
  });

  it('given a bad fiscal code, e-mail and office key, when validated, then each field is named', () => {
    // when
    const result = fieldErrorsOf(() =>
      validateNewEntry({
        ...validEntry(),
        correspondent: { name: 'Mario Rossi', fiscalCode: 'RSSMRA85T10A562X', email: 'not-an-email' },
        office: 'Ufficio Anagrafe',
      }),
    );
    // then
    expect(result.fields).toEqual(['correspondent.fiscalCode', 'correspondent.email', 'office']);
  });

  it('given malformed documents, when validated, then the index and property are named', () => {
    // when
    const result = fieldErrorsOf(() =>
      validateNewEntry({
        ...validEntry(),
        documents: [
          { name: 'a.pdf', sha256: 'abc', mediaType: 'application/pdf', size: 1 },
          { name: '', sha256: 'b'.repeat(64), mediaType: 'pdf', size: -1 },
          'not a document',
        ],
      }),
    );
    // then
    expect(result.fields).toEqual([
      'documents.0.sha256',
      'documents.1.name',
      'documents.1.mediaType',
      'documents.1.size',
      'documents.2',
    ]);
  });

  it('given a sender reference with an impossible date, when validated, then the date is refused', () => {
    // when
    const result = fieldErrorsOf(() =>
      validateNewEntry({ ...validEntry(), senderReference: { number: '123/2026', date: '2026-02-30' } }),
    );
    // then
    expect(result.fields).toEqual(['senderReference.date']);
    expect(validateNewEntry({ ...validEntry(), senderReference: { number: ' 123/2026 ', date: '2026-02-28' } }).senderReference).toEqual({
      number: '123/2026',
      date: '2026-02-28',
    });
  });
});

describe('annulment and query validation', () => {
  it('given an annulment without reason or author, when validated, then both are named', () => {
    // when
    const result = fieldErrorsOf(() => validateAnnulment({ reason: '  ', act: 'Det. 12/2026' }));
    // then
    expect(result.code).toBe('PROTOCOL_INVALID_ANNULMENT');
    expect(result.fields).toEqual(['reason', 'authorisedBy']);
  });

  it('given a printed number, when parsed, then it becomes an integer; a bad one is named', () => {
    // then
    expect(validateNumberQuery(2026, '0000042')).toEqual({ year: 2026, number: 42 });
    expect(fieldErrorsOf(() => validateNumberQuery(26, 'abc')).fields).toEqual(['year', 'number']);
    expect(fieldErrorsOf(() => validateDay('2026-02-30')).fields).toEqual(['date']);
  });
});
