import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, IntersectionType, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { checkPostcode, type ClientDetailsPatch, isDutchAddress } from '@koppelhub/domain';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsIdentifier } from '../../http/identifier.validator';
import { ClearableField, OptionalField } from '../../http/optional-field.decorator';
import { plain } from '../../http/plain';
import { AddressDto } from './address.dto';
import { CompanyDto } from './company.dto';
import { PersonDto } from './person.dto';
import { ClientCardDto } from './register-client.dto';

class PersonChangeDto extends PartialType(PersonDto) {}
class CompanyChangeDto extends PartialType(CompanyDto) {}
/**
 * A postcode sent without a country is left to the domain, which checks it against the card's own
 * country after the merge: here it would be taken for Dutch, and a foreign client's postcode refused.
 */
class AddressChangeDto extends PartialType(OmitType(AddressDto, ['postcode'] as const)) {
  @ApiPropertyOptional({ example: '3511 ED' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @IsIdentifier(checkPostcode, (address) => (address as { country?: unknown }).country != null && isDutchAddress(address))
  postcode?: string;
}

/** A nested part of the card in a merge patch: the fields sent replace those of the part, `null` clears one. */
const MergedPart = (type: new () => object, part: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type, description: `the fields sent replace those of the ${part}; null clears one` }),
    ClearableField(),
    IsObject(),
    ValidateNested(),
    Type(() => type),
  );

/** The package list is replaced whole and never cleared with null: `[]` switches every package off. */
const CardFieldsDto = IntersectionType(
  PartialType(OmitType(ClientCardDto, ['person', 'company', 'address', 'packages'] as const)),
  PickType(ClientCardDto, ['packages'] as const),
);

/**
 * A change is a JSON Merge Patch (RFC 7396) of the card: every field may be left out, and `null`
 * clears one. The fields sent are checked here; the card they make, required fields included, is
 * checked whole by the domain after the merge, naming a required field that was cleared.
 */
export class ChangeClientDto extends CardFieldsDto {
  @MergedPart(PersonChangeDto, 'person part')
  person?: PersonChangeDto | null;

  @MergedPart(CompanyChangeDto, 'company part')
  company?: CompanyChangeDto | null;

  @MergedPart(AddressChangeDto, 'address')
  address?: AddressChangeDto | null;

  /** Accepted only to refuse a change with a clear reason: a number changes by renumbering alone. */
  @ApiPropertyOptional({ description: 'must equal the current client number' })
  @OptionalField()
  @IsString()
  clientNumber?: string;
}

/** The fields sent, as plain data, for the domain to merge into the card. */
export function toDetailsPatch(dto: ChangeClientDto): ClientDetailsPatch {
  return plain<ClientDetailsPatch>(dto);
}
