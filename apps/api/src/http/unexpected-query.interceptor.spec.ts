import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { routeQueryNames } from './route-arguments';
import { unexpectedQueryParameters } from './unexpected-query.interceptor';

class SearchDto {
  q?: string;
}

@Controller('examples')
class ExampleController {
  @Get()
  search(@Query() _search: SearchDto) {}

  @Get(':id/events')
  history(@Param('id') _id: string) {}

  @Get(':id/changes')
  changes(@Param('id') _id: string, @Query('since') _since: string, @Query('until') _until: string) {}

  @Get('pass-through')
  passThrough(@Req() _request: unknown) {}
}

const violationsFor = (handler: keyof ExampleController, query: unknown) =>
  unexpectedQueryParameters(query, routeQueryNames(ExampleController, handler));

describe('query parameters sent to a route that does not read them', () => {
  it('given a handler with a whole-query DTO, or reading the whole request, then any query is left to it', () => {
    expect(routeQueryNames(ExampleController, 'search')).toBe('whole');
    expect(routeQueryNames(ExampleController, 'passThrough')).toBe('whole');
    expect(violationsFor('search', { q: 'acme', foo: '1' })).toEqual([]);
    expect(violationsFor('passThrough', { page: '2' })).toEqual([]);
  });

  it('given a handler with named query parameters, then exactly those names are taken', () => {
    expect(routeQueryNames(ExampleController, 'changes')).toEqual(new Set(['since', 'until']));
    expect(violationsFor('changes', { since: '2026-01-01', until: '2026-02-01' })).toEqual([]);
    expect(violationsFor('changes', { since: '2026-01-01', page: '-1', foo: 'bar' })).toEqual([
      { field: 'page', message: 'page should not exist' },
      { field: 'foo', message: 'foo should not exist' },
    ]);
  });

  it('given a handler without query parameters, then every parameter is named as the whitelist names an unknown field', () => {
    expect(routeQueryNames(ExampleController, 'history')).toEqual(new Set());
    expect(violationsFor('history', { asAt: '1', page: '-1' })).toEqual([
      { field: 'asAt', message: 'asAt should not exist' },
      { field: 'page', message: 'page should not exist' },
    ]);
  });

  it('given names of prototype members or repeated parameters, then each name is refused once', () => {
    const parsed = Object.assign(Object.create(null) as object, JSON.parse('{"constructor":"1","__proto__":"x","page":["1","2"]}'));

    expect(violationsFor('history', parsed)).toEqual([
      { field: 'constructor', message: 'constructor should not exist' },
      { field: '__proto__', message: '__proto__ should not exist' },
      { field: 'page', message: 'page should not exist' },
    ]);
  });

  it('given no query or an empty one, then nothing is refused', () => {
    expect(violationsFor('history', {})).toEqual([]);
    expect(violationsFor('history', undefined)).toEqual([]);
  });
});
