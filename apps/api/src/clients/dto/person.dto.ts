import { ApiPropertyOptional } from '@nestjs/swagger';
import { checkBsn } from '@koppelhub/domain';
import { IsCalendarDate } from '../../http/calendar-date.validator';
import { IsIdentifier } from '../../http/identifier.validator';
import { OptionalField } from '../../http/optional-field.decorator';
import { PersonNameDto } from './person-name.dto';

export class PersonDto extends PersonNameDto {
  @ApiPropertyOptional({ example: '1968-04-12' })
  @OptionalField()
  @IsCalendarDate()
  dateOfBirth?: string;

  @ApiPropertyOptional({ description: 'burgerservicenummer: 9 digits passing the eleven-check' })
  @OptionalField()
  @IsIdentifier(checkBsn)
  bsn?: string;
}
