import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { OptionalField } from '../../http/optional-field.decorator';

export class EngagementDto {
  @ApiProperty({ example: 'Jaarrekening' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  description!: string;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @OptionalField()
  @IsISO8601({ strict: true }, { message: 'startDate must be a date as YYYY-MM-DD' })
  startDate?: string;

  @ApiPropertyOptional({ description: 'engagement letter reference' })
  @OptionalField()
  @IsString()
  @MaxLength(500)
  reference?: string;
}
