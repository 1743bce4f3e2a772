import { IsIn, IsOptional } from 'class-validator';
import { REVEALABLE_FIELDS, type RevealableField } from '@koppelhub/domain';
import { PointInTimeDto } from '../http/point-in-time.dto';

/** The client card's query: a point in time, and which personal field to show unmasked. */
export class ClientReadQueryDto extends PointInTimeDto {
  @IsOptional()
  @IsIn(REVEALABLE_FIELDS, { message: `reveal must be one of ${REVEALABLE_FIELDS.join(', ')}` })
  reveal?: RevealableField;
}
