export { FormsModule } from './forms.module';
export { FormsService } from './forms.service';
export { FormsValidationException } from './forms.exceptions';
export { validateSubmission } from './validate-submission';
export type { SubmissionResult } from './validate-submission';
export { checkFormSchema, isFormSchema } from './check-form-schema';
export { FORMS_MESSAGES } from './forms.messages';
export type { FormErrorCode } from './forms.messages';
export type { FormComponent, FormSchema, FormValidate, ValidationOptions } from './form-schema.types';
