import { ApiPropertyOptional } from '@nestjs/swagger';
import { CLIENT_STATUSES } from '@koppelhub/domain';
import { IsIn } from 'class-validator';
import { OptionalField } from '../../http/optional-field.decorator';
import { SearchTextDto } from '../../http/search-text.dto';

export class SearchClientsDto extends SearchTextDto {
  @ApiPropertyOptional({ enum: CLIENT_STATUSES })
  @OptionalField()
  @IsIn(CLIENT_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: ['company', 'person'] })
  @OptionalField()
  @IsIn(['company', 'person'])
  kind?: string;
}
