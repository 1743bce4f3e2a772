import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Type } from '@nestjs/common';

/**
 * The query a route reads: `'whole'` when a parameter takes all of it (`@Query()` with a DTO,
 * whose whitelist refuses what the DTO does not declare, or the whole request, `@Req()`, which the
 * queue dashboard hands on as it came); otherwise the names its `@Query('name')` parameters read.
 */
export type QueryTaken = 'whole' | ReadonlySet<string>;

interface RouteArgument {
  data?: unknown;
}

/**
 * From the argument metadata Nest's parameter decorators record per handler (keyed
 * `<paramtype>:<index>`; a custom decorator's key is not a number, and reads no query).
 */
export function routeQueryNames(controller: Type<unknown>, handler: string | symbol): QueryTaken {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<string, RouteArgument>;
  const names = new Set<string>();
  for (const [key, argument] of Object.entries(args)) {
    const paramtype = key.split(':', 1)[0];
    if (paramtype === String(RouteParamtypes.REQUEST)) return 'whole';
    if (paramtype !== String(RouteParamtypes.QUERY)) continue;
    if (typeof argument.data !== 'string' || argument.data === '') return 'whole';
    names.add(argument.data);
  }
  return names;
}
