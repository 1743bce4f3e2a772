import { ApiPropertyOptional } from '@nestjs/swagger';
import { checkBsn } from '@koppelhub/domain';
import { IsISO8601 } from 'class-validator';
import { IsIdentifier } from '../../http/identifier.validator';
import { OptionalField } from '../../http/optional-field.decorator';
import { PersonNameDto } from './person-name.dto';

export class PersonDto extends PersonNameDto {
  @ApiPropertyOptional({ example: '1968-04-12' })
  @OptionalField()
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a date as YYYY-MM-DD' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ description: 'burgerservicenummer: 9 digits passing the eleven-check' })
  @OptionalField()
  @IsIdentifier(checkBsn)
  bsn?: string;
}
