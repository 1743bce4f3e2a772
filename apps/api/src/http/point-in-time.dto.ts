import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { OptionalField } from './optional-field.decorator';

/**
 * Time travel on a read: what the hub knew then (`asAt`) or what was in effect on a date (`asOf`).
 * Declared here so the whitelist lets them through; `parsePointInTime` is the one place that reads them.
 */
export class PointInTimeDto {
  @ApiPropertyOptional({ description: 'an ISO 8601 time or a global event position: the state as recorded then' })
  @OptionalField()
  @IsString()
  @MaxLength(40)
  asAt?: string;

  @ApiPropertyOptional({ description: 'an ISO 8601 date or time: the state in effect then, backdated changes included' })
  @OptionalField()
  @IsString()
  @MaxLength(40)
  asOf?: string;
}
