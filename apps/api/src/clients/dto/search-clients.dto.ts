import { ApiPropertyOptional } from '@nestjs/swagger';
import { CLIENT_STATUSES } from '@koppelhub/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class SearchClientsDto {
  @ApiPropertyOptional({ description: 'client number, name, trade name or search name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: CLIENT_STATUSES })
  @IsOptional()
  @IsIn(CLIENT_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: ['company', 'person'] })
  @IsOptional()
  @IsIn(['company', 'person'])
  kind?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;
}
