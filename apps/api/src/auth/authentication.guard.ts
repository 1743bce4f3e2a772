import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeyStore, apiKeyPrincipalId, type Principal, PrincipalDirectory } from '@koppelhub/application';
import type { Response } from 'express';
import { unauthenticated } from './auth.errors';
import type { HubRequest } from './hub-request';
import { JwtVerifier } from './jwt-verifier';
import { PUBLIC_KEY } from './roles.decorator';

/**
 * Deny by default: every route needs an API key (`X-API-Key`) or a bearer token, unless marked
 * public. There is no setting that turns this off.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
    private readonly principals: PrincipalDirectory,
    private readonly jwt: JwtVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<HubRequest>();
    try {
      const principal = await this.authenticate(request);
      request.principal = principal;
      request.actor = principal.id;
      return true;
    } catch (error) {
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="koppelhub", ApiKey header="X-API-Key"');
      throw error;
    }
  }

  private async authenticate(request: HubRequest): Promise<Principal> {
    const apiKey = request.header('x-api-key');
    const authorization = request.header('authorization');
    if (apiKey !== undefined && authorization !== undefined) {
      throw unauthenticated('auth.ambiguous-credentials', 'send either X-API-Key or Authorization, not both');
    }
    if (apiKey !== undefined) {
      const found = apiKey ? await this.keys.findByKey(apiKey) : undefined;
      if (!found) throw unauthenticated('auth.invalid-api-key', 'the API key is not valid or has been revoked');
      return { id: apiKeyPrincipalId(found.name), roles: found.roles, via: 'api-key' };
    }
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) throw unauthenticated('auth.invalid-token', 'Authorization must be "Bearer <token>"');
      const principal = await this.jwt.verify(match[1]);
      await this.principals.remember(principal);
      return principal;
    }
    throw unauthenticated('auth.missing-credentials', 'this route needs an API key (X-API-Key) or a bearer token');
  }
}
