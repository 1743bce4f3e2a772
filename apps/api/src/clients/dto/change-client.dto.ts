import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import type { ClientDetailsPatch } from '@koppelhub/domain';
import { IsOptional, IsString } from 'class-validator';
import { ClientCardDto } from './register-client.dto';

export class ChangeClientDto extends PartialType(ClientCardDto) {
  /** Accepted only to refuse a change with a clear reason: client numbers are immutable. */
  @ApiPropertyOptional({ description: 'must equal the current client number' })
  @IsOptional()
  @IsString()
  clientNumber?: string;
}

export function toDetailsPatch(dto: ChangeClientDto): ClientDetailsPatch {
  const patch: ClientDetailsPatch = {};
  for (const [key, value] of Object.entries(dto)) {
    if (value !== undefined) (patch as Record<string, unknown>)[key] = typeof value === 'object' ? { ...value } : value;
  }
  if (dto.packages) patch.packages = [...dto.packages];
  return patch;
}
