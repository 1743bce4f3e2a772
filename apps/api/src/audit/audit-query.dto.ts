import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsId } from '../http/id-field.decorator';
import { IsInstant } from '../http/instant.validator';
import { OptionalField } from '../http/optional-field.decorator';
import { WholeNumberQuery } from '../http/whole-number-query.decorator';

export class AuditFilterDto {
  @ApiPropertyOptional()
  @OptionalField()
  @IsId('client')
  clientId?: string;

  @ApiPropertyOptional({ example: 'ClientRegistered' })
  @OptionalField()
  @IsString()
  @MaxLength(100)
  type?: string;

  @ApiPropertyOptional()
  @OptionalField()
  @IsString()
  @MaxLength(100)
  actor?: string;

  @ApiPropertyOptional({ description: 'a date (YYYY-MM-DD: from midnight in Amsterdam) or a date-time (YYYY-MM-DDTHH:mm:ss, with Z or an offset, else Amsterdam time), inclusive' })
  @OptionalField()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'a date (YYYY-MM-DD: up to the end of that day in Amsterdam, inclusive) or a date-time (YYYY-MM-DDTHH:mm:ss, with Z or an offset, else Amsterdam time, exclusive)' })
  @OptionalField()
  @IsInstant()
  to?: string;
}

export class AuditEventsDto extends AuditFilterDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @OptionalField()
  @WholeNumberQuery()
  @IsInt()
  @Min(0)
  // Past this a number is not exact, and from 1e21 on it reaches PostgreSQL as `1e+21`, which is no bigint.
  @Max(Number.MAX_SAFE_INTEGER)
  cursor?: number;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @OptionalField()
  @WholeNumberQuery()
  @IsInt()
  @Min(1)
  @Max(1000)
  pageSize = 100;
}

export class AuditExportDto extends AuditFilterDto {
  @ApiPropertyOptional({ enum: ['ndjson', 'csv'], default: 'ndjson' })
  @OptionalField()
  @IsIn(['ndjson', 'csv'])
  format?: 'ndjson' | 'csv';
}
