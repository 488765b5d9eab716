/** DI token for the secret that signs the session cookie. */
export const SESSION_SECRET = Symbol('SESSION_SECRET');
