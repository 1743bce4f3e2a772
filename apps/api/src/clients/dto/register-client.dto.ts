import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type ClientDetails, PACKAGE_NAMES, type PackageName } from '@koppelhub/domain';
import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsEmail, IsIn, IsNotEmpty, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { OptionalField } from '../../http/optional-field.decorator';
import { AddressDto } from './address.dto';
import { CompanyDto } from './company.dto';
import { IsFirmNumber } from './firm-number.validator';
import { PersonDto } from './person.dto';

/** The client card fields shared by registration and change. */
export class ClientCardDto {
  @ApiPropertyOptional({ example: '20010', description: 'debiteurnummer' })
  @OptionalField()
  @IsFirmNumber('debtorNumber')
  debtorNumber?: string;

  @ApiProperty({ example: 'VRIBERHOLD', description: 'zoeknaam' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  searchName!: string;

  @ApiPropertyOptional({ type: PersonDto })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => PersonDto)
  person?: PersonDto;

  @ApiPropertyOptional({ type: CompanyDto })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => CompanyDto)
  company?: CompanyDto;

  @ApiProperty({ type: AddressDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;

  @ApiPropertyOptional({ example: 'jan@devries-prive.nl' })
  @OptionalField()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;

  @ApiPropertyOptional({ enum: PACKAGE_NAMES, isArray: true })
  @OptionalField()
  @IsArray()
  @ArrayUnique()
  @IsIn(PACKAGE_NAMES, { each: true, message: `packages must each be one of ${PACKAGE_NAMES.join(', ')}` })
  packages?: PackageName[];
}

export class RegisterClientDto extends ClientCardDto {
  @ApiProperty({ enum: ['company', 'person'] })
  @IsIn(['company', 'person'], { message: 'kind must be company or person' })
  kind!: 'company' | 'person';

  @ApiProperty({ example: '20010', description: 'klantnummer: unique; changed only by renumbering (PUT /api/clients/:id/client-number)' })
  @IsFirmNumber('clientNumber')
  clientNumber!: string;

  @ApiPropertyOptional({ example: 'Prospect', description: 'Prospect (default) or Klantaanvraag' })
  @OptionalField()
  @IsString()
  startStatus?: string;
}

export function toClientDetails(dto: ClientCardDto): ClientDetails {
  return {
    searchName: dto.searchName,
    ...(dto.debtorNumber !== undefined ? { debtorNumber: dto.debtorNumber } : {}),
    ...(dto.person ? { person: { ...dto.person } } : {}),
    ...(dto.company ? { company: { ...dto.company } } : {}),
    address: { ...dto.address },
    ...(dto.email !== undefined ? { email: dto.email } : {}),
    packages: dto.packages ?? [],
  };
}
