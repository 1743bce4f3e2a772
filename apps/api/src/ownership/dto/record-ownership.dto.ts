import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IsPercent } from '../../http/percent.validator';

export class RecordOwnershipDto {
  @ApiProperty()
  @IsUUID('all', { message: 'ownerId must be a client id (UUID)' })
  ownerId!: string;

  @ApiProperty()
  @IsUUID('all', { message: 'ownedId must be a client id (UUID)' })
  ownedId!: string;

  @ApiProperty({ example: 50, description: 'more than 0, at most 100' })
  @IsPercent()
  percent!: number;
}
