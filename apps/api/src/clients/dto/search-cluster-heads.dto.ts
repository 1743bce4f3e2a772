import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { OptionalField } from '../../http/optional-field.decorator';
import { PageDto } from '../../http/page.dto';

export class SearchClusterHeadsDto extends PageDto {
  @ApiPropertyOptional({ description: "the head's client number, name, trade name or search name" })
  @OptionalField()
  @IsString()
  @MaxLength(100)
  q?: string;
}
