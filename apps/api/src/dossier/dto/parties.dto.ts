import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsObject, IsPositive, IsString, Max, MaxLength, ValidateNested } from 'class-validator';
import { IsId } from '../../http/id-field.decorator';
import { OptionalField } from '../../http/optional-field.decorator';
import { IsPercent } from '../../http/percent.validator';
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
  @OptionalField()
  @IsString()
  @MaxLength(100)
  role?: string;
}

/** The domain's words (validate-wwft-registration) for a UBO's share out of range. */
const UBO_PERCENT = 'percent must be above 0 and at most 100';

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
  @OptionalField()
  @IsId('client')
  clientId?: string;

  // Above 0, as the domain checks it; that an owner holds more than 25 % is left to the domain,
  // which tells it with the UBO's kind.
  @ApiPropertyOptional({ example: 50, description: 'more than 0, at most 100; an owner holds more than 25' })
  @OptionalField()
  @IsPercent()
  @IsPositive({ message: UBO_PERCENT })
  @Max(100, { message: UBO_PERCENT })
  percent?: number;

  @ApiPropertyOptional()
  @OptionalField()
  @IsBoolean()
  indirect?: boolean;

  @ApiPropertyOptional({ type: ScreeningCheckDto })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => ScreeningCheckDto)
  pep?: ScreeningCheckDto;

  @ApiPropertyOptional({ type: SanctionsCheckDto })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => SanctionsCheckDto)
  sanctions?: SanctionsCheckDto;
}
