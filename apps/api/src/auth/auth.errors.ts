/** A request without valid credentials (401) or without the role a route needs (403). */
export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

export const unauthenticated = (code: string, message: string) => new AuthError(401, code, message);
