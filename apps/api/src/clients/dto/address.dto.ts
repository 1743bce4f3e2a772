import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { checkPostcode } from '@koppelhub/domain';
import { IsNotEmpty, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsIdentifier } from '../../http/identifier.validator';

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
  @IsOptional()
  @IsString()
  @MaxLength(10)
  houseNumberAddition?: string;

  @ApiProperty({ example: '3511 ED' })
  @IsString()
  @IsIdentifier(checkPostcode, (address) => ((address as AddressDto).country ?? 'NL').toUpperCase() === 'NL')
  postcode!: string;

  @ApiProperty({ example: 'Utrecht' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  city!: string;

  @ApiProperty({ example: 'NL', description: 'ISO 3166-1 alpha-2' })
  @IsString()
  @Length(2, 2)
  country!: string;
}
