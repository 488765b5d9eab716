import { Test } from '@nestjs/testing';
import { FormsValidationException } from './forms.exceptions';
import { FormsModule } from './forms.module';
import { FormsService } from './forms.service';
import type { FormSchema } from './form-schema.types';

const schema: FormSchema = {
  id: 'contatti',
  type: 'default',
  components: [
    { type: 'textfield', key: 'email', validate: { required: true, validationType: 'email' } },
    { type: 'textfield', key: 'pec', conditional: { hide: '=true' } },
  ],
};

describe('FormsService', () => {
  let service: FormsService;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [FormsModule] }).compile();
    service = moduleRef.get(FormsService);
  });

  it('given a valid submission, when validated, then the cleaned data is returned', () => {
    // given
    const data = { email: 'maria@example.it', pec: 'ignored@pec.it', extra: 1 };

    // when
    const cleaned = service.validate(schema, data);

    // then
    expect(cleaned).toEqual({ email: 'maria@example.it' });
  });

  it('given an invalid submission, when validated, then an unprocessable FORMS_INVALID_SUBMISSION lists the field errors', () => {
    // given
    const data = { email: 'maria' };

    // when
    let thrown: unknown;
    try {
      service.validate(schema, data);
    } catch (error) {
      thrown = error;
    }

    // then
    expect(thrown).toBeInstanceOf(FormsValidationException);
    const exception = thrown as FormsValidationException;
    expect(exception.code).toBe('FORMS_INVALID_SUBMISSION');
    expect(exception.kind).toBe('unprocessable');
    expect(exception.details.fieldErrors).toEqual([{ field: 'email', message: 'Inserire un indirizzo email valido.', code: 'email' }]);
  });
});
