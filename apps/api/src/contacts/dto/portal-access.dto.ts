import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class PortalAccessDto {
  @ApiProperty({ description: 'the client the portal user should see' })
  @IsUUID('all', { message: 'clientId must be a client id (UUID)' })
  clientId!: string;
}
