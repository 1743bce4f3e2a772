import { ApiProperty } from '@nestjs/swagger';
import { SANCTIONS_LIST_NAME_MAX, SANCTIONS_LISTS_MAX, SCREENING_RESULTS, type ScreeningResult } from '@koppelhub/domain';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../http/calendar-date.validator';

export class ScreeningCheckDto {
  @ApiProperty({ enum: SCREENING_RESULTS })
  @IsIn(SCREENING_RESULTS, { message: `result must be one of ${SCREENING_RESULTS.join(', ')}` })
  result!: ScreeningResult;

  @ApiProperty({ example: '2026-11-02' })
  @IsCalendarDate()
  checkedAt!: string;
}

export class SanctionsCheckDto extends ScreeningCheckDto {
  @ApiProperty({ example: ['NL-terrorisme', 'EU', 'UN'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'lists must name at least one sanctions list' })
  @ArrayMaxSize(SANCTIONS_LISTS_MAX, { message: `lists may name at most ${SANCTIONS_LISTS_MAX} sanctions lists` })
  @IsString({ each: true })
  @MaxLength(SANCTIONS_LIST_NAME_MAX, { each: true, message: `lists may hold names of at most ${SANCTIONS_LIST_NAME_MAX} characters` })
  lists!: string[];
}
