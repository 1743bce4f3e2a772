import { ApiPropertyOptional } from '@nestjs/swagger';
import { RISK_CLASSES, type RiskClass } from '@koppelhub/domain';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../http/calendar-date.validator';
import { OptionalField } from '../../http/optional-field.decorator';

export class WwftReviewDto {
  @ApiPropertyOptional({ example: '2026-11-20', description: 'defaults to today' })
  @OptionalField()
  @IsCalendarDate()
  reviewedOn?: string;

  @ApiPropertyOptional({ enum: RISK_CLASSES, description: 'the risk class after the review; unchanged when left out' })
  @OptionalField()
  @IsIn(RISK_CLASSES, { message: `riskClass must be one of ${RISK_CLASSES.join(', ')}` })
  riskClass?: RiskClass;

  @ApiPropertyOptional()
  @OptionalField()
  @IsString()
  @MaxLength(2000)
  riskMotivation?: string;

  @ApiPropertyOptional()
  @OptionalField()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}
