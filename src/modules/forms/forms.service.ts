import { Injectable } from '@nestjs/common';
import type { FormSchema, ValidationOptions } from './form-schema.types';
import { FormsValidationException } from './forms.exceptions';
import { validateSubmission } from './validate-submission';

/** Server-side validation of form-js submissions, for the services that accept them. */
@Injectable()
export class FormsService {
  /**
   * The cleaned data (visible, enabled fields only, unknown keys dropped), or a
   * FormsValidationException listing every field error.
   */
  validate(schema: FormSchema, data: unknown, options: ValidationOptions = {}): Record<string, unknown> {
    const result = validateSubmission(schema, data, options);
    if (!result.ok) {
      throw new FormsValidationException(result.errors);
    }
    return result.data;
  }
}
