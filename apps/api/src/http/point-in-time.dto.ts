import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Time travel on a read: what the hub knew then (`asAt`) or what was in effect on a date (`asOf`). */
export class PointInTimeDto {
  @ApiPropertyOptional({ description: 'an ISO 8601 time or a global event position: the state as recorded then' })
  @IsOptional()
  @Matches(/^(\d{1,15}|\d{4}-\d{2}-\d{2}(T.*)?)$/, { message: 'asAt must be an ISO 8601 time or a global position' })
  asAt?: string;

  @ApiPropertyOptional({ description: 'an ISO 8601 date or time: the state in effect then, backdated changes included' })
  @IsOptional()
  @Matches(ISO_TIME, { message: 'asOf must be an ISO 8601 date or time' })
  asOf?: string;
}
