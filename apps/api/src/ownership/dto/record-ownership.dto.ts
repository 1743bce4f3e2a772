import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { IsId } from '../../http/id-field.decorator';
import { IsPercent } from '../../http/percent.validator';

/**
 * The domain's range for a share (InvalidPercentage), checked here as well so a share out of range
 * is listed with the request's other violations. Anything not a number is IsPercent's to name.
 */
const IsOwnershipShare = (): PropertyDecorator =>
  ValidateBy({
    name: 'is-ownership-share',
    validator: {
      validate: (value: unknown) => typeof value !== 'number' || (value > 0 && value <= 100),
      defaultMessage: (args) => `${args?.property} must be more than 0 and at most 100`,
    },
  });

export class RecordOwnershipDto {
  @ApiProperty()
  @IsId('client')
  ownerId!: string;

  @ApiProperty()
  @IsId('client')
  ownedId!: string;

  @ApiProperty({ example: 50, description: 'more than 0, at most 100' })
  @IsPercent()
  @IsOwnershipShare()
  percent!: number;
}
