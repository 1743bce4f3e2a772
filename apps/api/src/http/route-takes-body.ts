import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Type } from '@nestjs/common';

/**
 * The parameters that read a request's body: `@Body()`, or the whole request (`@Req()`), as the
 * queue dashboard takes it to hand it on as it came.
 */
const READS_BODY = new Set([String(RouteParamtypes.BODY), String(RouteParamtypes.REQUEST)]);

/**
 * Whether a route handler takes a body, from the argument metadata Nest's parameter decorators
 * record per handler (keyed `<paramtype>:<index>`; a custom decorator's key is not a number).
 */
export function routeTakesBody(controller: Type<unknown>, handler: string | symbol): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<string, unknown>;
  return Object.keys(args).some((key) => READS_BODY.has(key.split(':', 1)[0]));
}
