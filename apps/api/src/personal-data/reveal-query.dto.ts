import { IsString } from 'class-validator';
import { HistoryPageDto } from '../http/history-page.dto';
import { OptionalField } from '../http/optional-field.decorator';

/**
 * The query of a history that may show personal data: its page and `reveal`. Declared so the route
 * reads it (every other parameter is refused); PersonalDataMaskingInterceptor checks `reveal`.
 */
export class RevealQueryDto extends HistoryPageDto {
  @OptionalField()
  @IsString()
  reveal?: string;
}
