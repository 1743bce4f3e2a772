import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalField } from './optional-field.decorator';

/** A page of a stream's history: from a version on, so many events (the `Link` header gives the next). */
export class HistoryPageDto {
  @ApiPropertyOptional({ default: 1, description: 'the first version to show (the next page: the `Link` header with rel="next")' })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  fromVersion = 1;

  @ApiPropertyOptional({ default: 1000, maximum: 1000 })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  pageSize = 1000;
}
