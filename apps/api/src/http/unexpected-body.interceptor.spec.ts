import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { routeTakesBody } from './route-arguments';
import { unexpectedFields } from './unexpected-body.interceptor';

class NameDto {
  name!: string;
}

@Controller('examples')
class ExampleController {
  @Post(':id/rename')
  rename(@Param('id') _id: string, @Body() _dto: NameDto) {}

  @Post(':id/archive')
  archive(@Param('id') _id: string) {}

  @Post('ping')
  ping() {}

  @Post('pass-through')
  passThrough(@Req() _request: unknown) {}
}

describe('a body sent to a route that takes none', () => {
  it('given a handler with @Body(), or reading the whole request, then it takes a body; with neither, not', () => {
    expect(routeTakesBody(ExampleController, 'rename')).toBe(true);
    expect(routeTakesBody(ExampleController, 'passThrough')).toBe(true);
    expect(routeTakesBody(ExampleController, 'archive')).toBe(false);
    expect(routeTakesBody(ExampleController, 'ping')).toBe(false);
  });

  it('given no body or an empty one, then nothing is refused', () => {
    expect(unexpectedFields(undefined)).toEqual([]);
    expect(unexpectedFields({})).toEqual([]);
    expect(unexpectedFields([])).toEqual([]);
  });

  it('given fields, also ones named after prototype members, then each is named as the whitelist names it', () => {
    expect(unexpectedFields(JSON.parse('{"x":1,"constructor":{},"__proto__":{"y":2}}'))).toEqual([
      { field: 'x', message: 'x should not exist' },
      { field: 'constructor', message: 'constructor should not exist' },
      { field: '__proto__', message: '__proto__ should not exist' },
    ]);
  });

  it('given a non-empty array, then the body as a whole is refused', () => {
    expect(unexpectedFields([1])).toEqual([{ field: 'body', message: 'body should not exist' }]);
  });
});
