import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../http/calendar-date.validator';
import { OptionalField } from '../../http/optional-field.decorator';

export class EngagementDto {
  @ApiProperty({ example: 'Jaarrekening' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  description!: string;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @OptionalField()
  @IsCalendarDate()
  startDate?: string;

  @ApiPropertyOptional({ description: 'engagement letter reference' })
  @OptionalField()
  @IsString()
  @MaxLength(500)
  reference?: string;
}
