import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@koppelhub/application';
import { unauthenticated } from './auth.errors';
import type { HubRequest } from './hub-request';

/** The authenticated principal of the request (the guard has set it on every non-public route). */
export const ActingPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<HubRequest>().principal;
  if (!principal) throw unauthenticated('auth.missing-credentials', 'this route needs an authenticated principal');
  return principal;
});
