import { IsString } from 'class-validator';
import { OptionalField } from '../http/optional-field.decorator';
import { PointInTimeDto } from '../http/point-in-time.dto';

/**
 * The client card's query: a point in time, and which personal field to show unmasked. `reveal` is
 * declared for the whitelist; PersonalDataMaskingInterceptor checks its value.
 */
export class ClientReadQueryDto extends PointInTimeDto {
  @OptionalField()
  @IsString()
  reveal?: string;
}
