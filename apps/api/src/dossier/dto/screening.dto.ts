import { ApiProperty } from '@nestjs/swagger';
import { SCREENING_RESULTS, type ScreeningResult } from '@koppelhub/domain';
import { ArrayMinSize, IsArray, IsIn, IsISO8601, IsString, MaxLength } from 'class-validator';

export class ScreeningCheckDto {
  @ApiProperty({ enum: SCREENING_RESULTS })
  @IsIn(SCREENING_RESULTS, { message: `result must be one of ${SCREENING_RESULTS.join(', ')}` })
  result!: ScreeningResult;

  @ApiProperty({ example: '2026-11-02' })
  @IsISO8601({ strict: true }, { message: 'checkedAt must be a date as YYYY-MM-DD' })
  checkedAt!: string;
}

export class SanctionsCheckDto extends ScreeningCheckDto {
  @ApiProperty({ example: ['NL-terrorisme', 'EU', 'UN'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'lists must name at least one sanctions list' })
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  lists!: string[];
}
