import { ApiProperty } from '@nestjs/swagger';
import { IsFirmNumber } from './firm-number.validator';

export class RenumberClientDto {
  @ApiProperty({ example: '20110', description: 'the new klantnummer; the old one stays taken' })
  @IsFirmNumber('clientNumber')
  clientNumber!: string;
}
