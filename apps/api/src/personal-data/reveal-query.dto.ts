import { IsString } from 'class-validator';
import { OptionalField } from '../http/optional-field.decorator';

/**
 * The query of a history that may show personal data: `reveal` only. Declared so the route reads
 * it (every other parameter is refused); PersonalDataMaskingInterceptor checks its value.
 */
export class RevealQueryDto {
  @OptionalField()
  @IsString()
  reveal?: string;
}
