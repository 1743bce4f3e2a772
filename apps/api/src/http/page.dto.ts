import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalField } from './optional-field.decorator';
import { WholeNumberQuery } from './whole-number-query.decorator';

/** Far past any firm's client list (a million rows at the largest page size). */
const MAX_PAGE = 10_000;

/** `page` and `pageSize` of a paged list. */
export class PageDto {
  // A bound keeps the row offset (page × pageSize) within what PostgreSQL takes.
  @ApiPropertyOptional({ default: 1, maximum: MAX_PAGE })
  @OptionalField()
  @WholeNumberQuery()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page = 1;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @OptionalField()
  @WholeNumberQuery()
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;
}
