import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { OptionalField } from './optional-field.decorator';
import { PageDto } from './page.dto';

/** A paged search by client number, name, trade name or search name. */
export class SearchTextDto extends PageDto {
  @ApiPropertyOptional({ description: 'client number, name, trade name or search name' })
  @OptionalField()
  @IsString()
  @MaxLength(100)
  q?: string;
}
