import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { actsAs, type Role } from '@koppelhub/domain';
import { AuthError, unauthenticated } from './auth.errors';
import type { HubRequest } from './hub-request';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/** Checks the route's `@Roles`; a route that declares none is for admins only (deny by default). */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const principal = context.switchToHttp().getRequest<HubRequest>().principal;
    if (!principal) throw unauthenticated('auth.missing-credentials', 'this route needs an authenticated principal');
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (actsAs(principal, allowed)) return true;
    throw new AuthError(403, 'auth.forbidden', `this route needs one of the roles ${[...allowed, 'admin'].join(', ')}`, {
      requiredRoles: [...allowed, 'admin'],
    });
  }
}
