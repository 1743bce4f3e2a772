import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, IsUUID } from 'class-validator';

export class RecordOwnershipDto {
  @ApiProperty()
  @IsUUID('all', { message: 'ownerId must be a client id (UUID)' })
  ownerId!: string;

  @ApiProperty()
  @IsUUID('all', { message: 'ownedId must be a client id (UUID)' })
  ownedId!: string;

  @ApiProperty({ example: 50, description: 'more than 0, at most 100' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: 'percent must be a number with at most 2 decimals' })
  percent!: number;
}
