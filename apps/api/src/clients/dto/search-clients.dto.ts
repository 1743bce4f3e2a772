import { ApiPropertyOptional } from '@nestjs/swagger';
import { CLIENT_STATUSES } from '@koppelhub/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { OptionalField } from '../../http/optional-field.decorator';

/** Far past any firm's client list (a million rows at the largest page size). */
const MAX_PAGE = 10_000;

export class SearchClientsDto {
  @ApiPropertyOptional({ description: 'client number, name, trade name or search name' })
  @OptionalField()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: CLIENT_STATUSES })
  @OptionalField()
  @IsIn(CLIENT_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: ['company', 'person'] })
  @OptionalField()
  @IsIn(['company', 'person'])
  kind?: string;

  // A bound keeps the row offset (page × pageSize) within what PostgreSQL takes.
  @ApiPropertyOptional({ default: 1, maximum: MAX_PAGE })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page = 1;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;
}
