import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PersonName } from '@koppelhub/domain';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { OptionalField } from '../../http/optional-field.decorator';

/** A natural person's name parts, as a person client and a contact both carry them. */
export class PersonNameDto implements PersonName {
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
}
