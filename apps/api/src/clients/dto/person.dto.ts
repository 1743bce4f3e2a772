import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { checkBsn } from '@koppelhub/domain';
import { IsISO8601, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsIdentifier } from '../../http/identifier.validator';
import { OptionalField } from '../../http/optional-field.decorator';

export class PersonDto {
  @ApiPropertyOptional({ example: 'J.P.' })
  @OptionalField()
  @IsString()
  @MaxLength(20)
  initials?: string;

  @ApiPropertyOptional({ example: 'Jan Pieter' })
  @OptionalField()
  @IsString()
  @MaxLength(100)
  firstNames?: string;

  @ApiPropertyOptional({ example: 'de', description: 'tussenvoegsel' })
  @OptionalField()
  @IsString()
  @MaxLength(20)
  prefix?: string;

  @ApiProperty({ example: 'Vries' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  surname!: string;

  @ApiPropertyOptional({ example: '1968-04-12' })
  @OptionalField()
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a date as YYYY-MM-DD' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ description: 'burgerservicenummer: 9 digits passing the eleven-check' })
  @OptionalField()
  @IsIdentifier(checkBsn)
  bsn?: string;
}
