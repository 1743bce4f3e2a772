import { ApiProperty } from '@nestjs/swagger';
import { IsId } from '../../http/id-field.decorator';

export class PortalAccessDto {
  @ApiProperty({ description: 'the client the portal user should see' })
  @IsId('client')
  clientId!: string;
}
