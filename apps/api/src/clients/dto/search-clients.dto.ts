import { ApiPropertyOptional } from '@nestjs/swagger';
import { CLIENT_STATUSES } from '@koppelhub/domain';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { OptionalField } from '../../http/optional-field.decorator';
import { PageDto } from '../../http/page.dto';

export class SearchClientsDto extends PageDto {
  @ApiPropertyOptional({ description: 'client number, name, trade name or search name' })
  @OptionalField()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: CLIENT_STATUSES })
  @OptionalField()
  @IsIn(CLIENT_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: ['company', 'person'] })
  @OptionalField()
  @IsIn(['company', 'person'])
  kind?: string;
}
