import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { OptionalField } from '../../http/optional-field.decorator';
import { AddressDto } from '../../clients/dto/address.dto';

/** Private data of a contact: follows its main when linked. Never logged, never in a URL. */
export class PrivateDataDto {
  @ApiPropertyOptional({ type: AddressDto })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;

  @ApiPropertyOptional()
  @OptionalField()
  @IsEmail({}, { message: 'private.email must be an e-mail address' })
  email?: string;

  @ApiPropertyOptional()
  @OptionalField()
  @IsString()
  @MaxLength(30)
  mobile?: string;
}
