import { type ArgumentMetadata, Injectable, ParseUUIDPipe, type PipeTransform } from '@nestjs/common';

/**
 * A client's or contact's id in a path: a UUID (404 otherwise), in lower case. Ids are stored and
 * compared in lower case (stream names, marks in answers); PostgreSQL alone would match an upper-case
 * UUID, so without this the same client answered differently per spelling.
 */
@Injectable()
export class IdParamPipe implements PipeTransform<string, Promise<string>> {
  private readonly uuid = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

  async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    return (await this.uuid.transform(value, metadata)).toLowerCase();
  }
}

export const idParam = new IdParamPipe();
