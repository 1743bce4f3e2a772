import { RESPONSE_PASSTHROUGH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Type } from '@nestjs/common';

interface RouteArgument {
  paramtype: string;
  data: unknown;
}

/**
 * The parameters of a route handler as Nest's parameter decorators record them, keyed
 * `<paramtype>:<index>` (a custom decorator's key is not a number, and reads neither body nor query).
 */
function routeArguments(controller: Type<unknown>, handler: string | symbol): RouteArgument[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<string, { data?: unknown }>;
  return Object.entries(args).map(([key, argument]) => ({ paramtype: key.split(':', 1)[0], data: argument.data }));
}

const BODY = String(RouteParamtypes.BODY);
const QUERY = String(RouteParamtypes.QUERY);
/** The whole request (`@Req()`), as the queue dashboard takes it to hand it on as it came. */
const REQUEST = String(RouteParamtypes.REQUEST);

const RESPONSE = String(RouteParamtypes.RESPONSE);
const NEXT = String(RouteParamtypes.NEXT);

/**
 * Whether a route handler writes its answer itself, as Nest decides it: it takes `@Res()` without
 * `passthrough`, or `@Next()` (the queue dashboard hands the request on to bull-board). What such a
 * handler returns is not what the client is answered.
 */
export function routeWritesOwnResponse(controller: Type<unknown>, handler: string | symbol): boolean {
  const takesResponse = routeArguments(controller, handler).some(({ paramtype }) => paramtype === RESPONSE || paramtype === NEXT);
  return takesResponse && !Reflect.getMetadata(RESPONSE_PASSTHROUGH_METADATA, controller, handler);
}

/** Whether a route handler reads a request's body: `@Body()`, or the whole request. */
export function routeTakesBody(controller: Type<unknown>, handler: string | symbol): boolean {
  return routeArguments(controller, handler).some(({ paramtype }) => paramtype === BODY || paramtype === REQUEST);
}

/**
 * The query a route reads: `'whole'` when a parameter takes all of it (`@Query()` with a DTO,
 * whose whitelist refuses what the DTO does not declare, or the whole request); otherwise the names
 * its `@Query('name')` parameters read.
 */
export type QueryTaken = 'whole' | ReadonlySet<string>;

export function routeQueryNames(controller: Type<unknown>, handler: string | symbol): QueryTaken {
  const names = new Set<string>();
  for (const { paramtype, data } of routeArguments(controller, handler)) {
    if (paramtype === REQUEST) return 'whole';
    if (paramtype !== QUERY) continue;
    if (typeof data !== 'string' || data === '') return 'whole';
    names.add(data);
  }
  return names;
}
