import type { FieldError } from '../../../common';
import { IDENTITY_MESSAGES as M } from '../identity.messages';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/**
 * A staff user's own password: 12 to 128 characters, at least three of lower case, upper case,
 * digits and other characters, not containing the username, typed the same twice. Field errors
 * name `password` or `conferma` (the form's fields). Equality with the old password is checked by
 * the caller, which holds the hash.
 */
export function passwordProblems(password: string, confirmation: string, username: string): FieldError[] {
  const errors: FieldError[] = [];
  if (password.length < PASSWORD_MIN) errors.push({ field: 'password', message: M.passwordTooShort });
  else if (password.length > PASSWORD_MAX) errors.push({ field: 'password', message: M.passwordTooLong });
  else if ([/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length < 3) errors.push({ field: 'password', message: M.passwordTooSimple });
  else if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) errors.push({ field: 'password', message: M.passwordHasUsername });
  if (confirmation !== password) errors.push({ field: 'conferma', message: M.passwordMismatch });
  return errors;
}
