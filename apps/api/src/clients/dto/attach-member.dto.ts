import { ApiProperty } from '@nestjs/swagger';
import { IsId } from '../../http/id-field.decorator';

export class AttachMemberDto {
  @ApiProperty({ description: 'id of the cluster head to attach to' })
  @IsId('client')
  headId!: string;
}
