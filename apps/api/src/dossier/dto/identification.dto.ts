import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../http/calendar-date.validator';
import { OptionalField } from '../../http/optional-field.decorator';

export class IdDocumentDto {
  @ApiProperty({ example: 'paspoort' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  type!: string;

  @ApiProperty({ description: 'document number (personal data: never logged)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  number!: string;

  @ApiProperty({ example: '2022-03-01' })
  @IsCalendarDate()
  issuedAt!: string;

  @ApiProperty({ example: 'Utrecht' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  issuedPlace!: string;

  @ApiProperty({ example: '2032-03-01' })
  @IsCalendarDate()
  expiresAt!: string;
}

/** Identity fields of the card (name, birth date, address, legal form, KvK) are not repeated here. */
export class IdentificationDto {
  @ApiPropertyOptional({ type: IdDocumentDto, description: 'persons' })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => IdDocumentDto)
  idDocument?: IdDocumentDto;

  @ApiPropertyOptional({ example: 'relatiebeheer', description: 'persons: who verified the ID document' })
  @OptionalField()
  @IsString()
  @MaxLength(200)
  verifiedBy?: string;

  @ApiPropertyOptional({ example: 'KvK-uittreksel 2026-11-01', description: 'companies: how the identity was verified' })
  @OptionalField()
  @IsString()
  @MaxLength(200)
  verifiedWith?: string;
}
