import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import type { ContactData, ContactPatch } from '@koppelhub/domain';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { NULL_IS_A_VALUE, OptionalField } from '../../http/optional-field.decorator';
import { plain } from '../../http/plain';
import { PersonNameDto } from '../../clients/dto/person-name.dto';
import { MainRefDto } from './main-ref.dto';
import { PrivateDataDto } from './private-data.dto';

/** A contact as the fixture has it (without ref and at); `main` may be given to link it right away. */
export class ContactDto extends PersonNameDto {
  @ApiPropertyOptional({ example: 'Directeur' })
  @OptionalField()
  @IsString()
  @MaxLength(100)
  role?: string;

  @ApiPropertyOptional({ example: 'jan@vbholding.nl', description: 'business e-mail; the portal login' })
  @OptionalField()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;

  @ApiPropertyOptional({ example: '030-2345671' })
  @OptionalField()
  @IsString()
  @MaxLength(30)
  phone?: string;

  @ApiPropertyOptional({ type: PrivateDataDto })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => PrivateDataDto)
  private?: PrivateDataDto;

  @ApiPropertyOptional({ default: false, description: 'portal switch of this registration' })
  @OptionalField()
  @IsBoolean()
  portal?: boolean;

  @ApiPropertyOptional({ type: MainRefDto })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => MainRefDto)
  main?: MainRefDto;
}

export class ChangeContactDto extends PartialType(OmitType(ContactDto, ['main'] as const), NULL_IS_A_VALUE) {}

export function toContactData(dto: ContactDto): ContactData {
  const { initials, firstNames, prefix, surname, role, email, phone } = dto;
  return plain<ContactData>({ name: { initials, firstNames, prefix, surname }, role, email, phone, private: dto.private ?? {}, portal: dto.portal ?? false });
}

export function toContactPatch(dto: ChangeContactDto): ContactPatch {
  const { initials, firstNames, prefix, surname, role, email, phone, portal } = dto;
  // The name parts sent, if any; the ones left out stay as they are.
  const name = plain<Record<string, string>>({ initials, firstNames, prefix, surname });
  return plain<ContactPatch>({ ...(Object.keys(name).length > 0 ? { name } : {}), role, email, phone, portal, private: dto.private });
}
