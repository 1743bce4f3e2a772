import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class AttachMemberDto {
  @ApiProperty({ description: 'id of the cluster head to attach to' })
  @IsUUID('all', { message: 'headId must be a client id (UUID)' })
  headId!: string;
}
