import { ApiProperty } from '@nestjs/swagger';
import { IsId } from '../../http/id-field.decorator';
import { IsPercent } from '../../http/percent.validator';

export class RecordOwnershipDto {
  @ApiProperty()
  @IsId('client')
  ownerId!: string;

  @ApiProperty()
  @IsId('client')
  ownedId!: string;

  @ApiProperty({ example: 50, description: 'more than 0, at most 100' })
  @IsPercent()
  percent!: number;
}
