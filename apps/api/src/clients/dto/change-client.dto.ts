import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import type { ClientDetailsPatch } from '@koppelhub/domain';
import { IsString } from 'class-validator';
import { NULL_IS_A_VALUE, OptionalField } from '../../http/optional-field.decorator';
import { plain } from '../../http/plain';
import { ClientCardDto } from './register-client.dto';

export class ChangeClientDto extends PartialType(ClientCardDto, NULL_IS_A_VALUE) {
  /** Accepted only to refuse a change with a clear reason: client numbers are immutable. */
  @ApiPropertyOptional({ description: 'must equal the current client number' })
  @OptionalField()
  @IsString()
  clientNumber?: string;
}

/** The fields sent, as plain data: the parts left out stay as they are. */
export function toDetailsPatch(dto: ChangeClientDto): ClientDetailsPatch {
  return plain<ClientDetailsPatch>(dto);
}
