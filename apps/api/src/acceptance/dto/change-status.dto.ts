import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLIENT_STATUSES } from '@koppelhub/domain';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../http/calendar-date.validator';
import { OptionalField } from '../../http/optional-field.decorator';

export class ChangeStatusDto {
  @ApiProperty({ enum: CLIENT_STATUSES, example: 'Ter goedkeuring' })
  @IsIn(CLIENT_STATUSES, { message: `to must be one of ${CLIENT_STATUSES.join(', ')}` })
  to!: string;

  @ApiPropertyOptional({ description: 'Ter goedkeuring: the klantgoedkeurder who must approve (a principal id)' })
  @OptionalField()
  @IsString()
  @MaxLength(200)
  approverId?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Geen klant meer: the end date' })
  @OptionalField()
  @IsCalendarDate()
  endDate?: string;

  @ApiPropertyOptional()
  @OptionalField()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
