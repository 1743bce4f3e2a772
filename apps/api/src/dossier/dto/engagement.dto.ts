import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class EngagementDto {
  @ApiProperty({ example: 'Jaarrekening' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  description!: string;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'startDate must be a date as YYYY-MM-DD' })
  startDate?: string;

  @ApiPropertyOptional({ description: 'engagement letter reference' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reference?: string;
}
