import { ApiPropertyOptional } from '@nestjs/swagger';
import { HISTORY_PAGE_SIZE } from '@koppelhub/application';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalField } from './optional-field.decorator';
import { WholeNumberQuery } from './whole-number-query.decorator';

/** A page of a stream's history: from a version on, so many events (the `Link` header gives the next). */
export class HistoryPageDto {
  @ApiPropertyOptional({ default: 1, description: 'the first version to show (the next page: the `Link` header with rel="next")' })
  @OptionalField()
  @WholeNumberQuery()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  fromVersion = 1;

  @ApiPropertyOptional({ default: HISTORY_PAGE_SIZE, maximum: HISTORY_PAGE_SIZE })
  @OptionalField()
  @WholeNumberQuery()
  @IsInt()
  @Min(1)
  @Max(HISTORY_PAGE_SIZE)
  pageSize = HISTORY_PAGE_SIZE;
}
