import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { SanctionsCheckDto, ScreeningCheckDto } from './screening.dto';

export class RepresentativeDto {
  @ApiProperty({ example: 'J.P. de Vries' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'zelfstandig bevoegd bestuurder' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  authority!: string;

  @ApiPropertyOptional({ example: 'Directeur' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  role?: string;
}

export class UboDto {
  @ApiProperty({ example: 'Jan Pieter de Vries' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ['owner', 'pseudo'], description: 'owner: > 25 %; pseudo: a director standing in' })
  @IsIn(['owner', 'pseudo'], { message: 'kind must be owner or pseudo' })
  kind!: 'owner' | 'pseudo';

  @ApiPropertyOptional({ description: 'the person client this UBO is' })
  @IsOptional()
  @IsUUID('all', { message: 'clientId must be a client id (UUID)' })
  clientId?: string;

  @ApiPropertyOptional({ example: 50 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  percent?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  indirect?: boolean;

  @ApiPropertyOptional({ type: ScreeningCheckDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScreeningCheckDto)
  pep?: ScreeningCheckDto;

  @ApiPropertyOptional({ type: SanctionsCheckDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SanctionsCheckDto)
  sanctions?: SanctionsCheckDto;
}
