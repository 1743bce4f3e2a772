import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsUUID } from 'class-validator';

/**
 * A client's or contact's id in a body or query: a UUID, taken in lower case, as ids are stored
 * and compared (see IdParamPipe for ids in a path). An id in capitals was otherwise not found.
 */
export const IsId = (of: 'client' | 'contact'): PropertyDecorator =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value)),
    IsUUID('all', { message: `$property must be a ${of} id (UUID)` }),
  );
