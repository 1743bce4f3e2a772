import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { checkBsn } from '@koppelhub/domain';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIdentifier } from '../../http/identifier.validator';

export class PersonDto {
  @ApiPropertyOptional({ example: 'J.P.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  initials?: string;

  @ApiPropertyOptional({ example: 'Jan Pieter' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  firstNames?: string;

  @ApiPropertyOptional({ example: 'de', description: 'tussenvoegsel' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  prefix?: string;

  @ApiProperty({ example: 'Vries' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  surname!: string;

  @ApiPropertyOptional({ example: '1968-04-12' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a date as YYYY-MM-DD' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ description: 'burgerservicenummer: 9 digits passing the eleven-check' })
  @IsOptional()
  @IsIdentifier(checkBsn)
  bsn?: string;
}
