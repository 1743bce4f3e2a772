import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { checkCountryCode, checkPostcode, isDutchAddress } from '@koppelhub/domain';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsIdentifier } from '../../http/identifier.validator';
import { OptionalField } from '../../http/optional-field.decorator';

export class AddressDto {
  @ApiProperty({ example: 'Stationsplein' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  street!: string;

  @ApiProperty({ example: '1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  houseNumber!: string;

  @ApiPropertyOptional({ example: 'A' })
  @OptionalField()
  @IsString()
  @MaxLength(10)
  houseNumberAddition?: string;

  @ApiProperty({ example: '3511 ED', description: 'a Dutch postcode as 1234 AB; a foreign one as given, at most 20 characters' })
  @IsString()
  @MaxLength(20)
  // Reads the country, which need not have passed its own rules yet: it may be anything, not only text.
  @IsIdentifier(checkPostcode, isDutchAddress)
  postcode!: string;

  @ApiProperty({ example: 'Utrecht' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  city!: string;

  @ApiProperty({ example: 'NL', description: 'ISO 3166-1 alpha-2, an assigned code in any case; stored upper-case' })
  @IsString()
  @IsIdentifier(checkCountryCode)
  country!: string;
}
