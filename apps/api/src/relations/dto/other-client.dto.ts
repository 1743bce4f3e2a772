import { ApiProperty } from '@nestjs/swagger';
import { IsId } from '../../http/id-field.decorator';

/** The other client of a relation (invoice-to target, correspondence company, life partner). */
export class OtherClientDto {
  @ApiProperty()
  @IsId('client')
  clientId!: string;
}
