import { ApiPropertyOptional, IntersectionType, OmitType, PartialType, PickType } from '@nestjs/swagger';
import type { ClientDetailsPatch } from '@koppelhub/domain';
import { Type } from 'class-transformer';
import { IsObject, IsString, ValidateIf, ValidateNested } from 'class-validator';
import { OptionalField } from '../../http/optional-field.decorator';
import { plain } from '../../http/plain';
import { AddressDto } from './address.dto';
import { CompanyDto } from './company.dto';
import { PersonDto } from './person.dto';
import { ClientCardDto } from './register-client.dto';

/**
 * A change is a JSON Merge Patch (RFC 7396) of the card: every field may be left out, and `null`
 * clears one. The fields sent are checked here; the card they make, required fields included, is
 * checked whole by the domain after the merge, naming a required field that was cleared.
 */
const SENT = ValidateIf((_dto: object, value: unknown) => value !== undefined && value !== null);

class PersonChangeDto extends PartialType(PersonDto) {}
class CompanyChangeDto extends PartialType(CompanyDto) {}
class AddressChangeDto extends PartialType(AddressDto) {}

/** The package list is replaced whole and never cleared with null: `[]` switches every package off. */
const CardFieldsDto = IntersectionType(
  PartialType(OmitType(ClientCardDto, ['person', 'company', 'address', 'packages'] as const)),
  PickType(ClientCardDto, ['packages'] as const),
);

export class ChangeClientDto extends CardFieldsDto {
  @ApiPropertyOptional({ type: PersonChangeDto, description: 'the fields sent replace those of the person part; null clears one' })
  @SENT
  @IsObject()
  @ValidateNested()
  @Type(() => PersonChangeDto)
  person?: PersonChangeDto | null;

  @ApiPropertyOptional({ type: CompanyChangeDto, description: 'the fields sent replace those of the company part; null clears one' })
  @SENT
  @IsObject()
  @ValidateNested()
  @Type(() => CompanyChangeDto)
  company?: CompanyChangeDto | null;

  @ApiPropertyOptional({ type: AddressChangeDto, description: 'the fields sent replace those of the address; null clears one' })
  @SENT
  @IsObject()
  @ValidateNested()
  @Type(() => AddressChangeDto)
  address?: AddressChangeDto | null;

  /** Accepted only to refuse a change with a clear reason: client numbers are immutable. */
  @ApiPropertyOptional({ description: 'must equal the current client number' })
  @OptionalField()
  @IsString()
  clientNumber?: string;
}

/** The fields sent, as plain data, for the domain to merge into the card. */
export function toDetailsPatch(dto: ChangeClientDto): ClientDetailsPatch {
  return plain<ClientDetailsPatch>(dto);
}
