import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** The other client of a relation (invoice-to target, correspondence company, life partner). */
export class OtherClientDto {
  @ApiProperty()
  @IsUUID('all', { message: 'clientId must be a client id (UUID)' })
  clientId!: string;
}
