import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PACKAGE_NAMES, type PackageName } from '@koppelhub/domain';
import { ArrayUnique, IsArray, IsIn, Matches } from 'class-validator';
import { OptionalField } from '../../http/optional-field.decorator';

export class SwitchPackagesDto {
  @ApiProperty({ enum: PACKAGE_NAMES, isArray: true, description: 'the packages switched on; the others are off' })
  @IsArray()
  @ArrayUnique()
  @IsIn(PACKAGE_NAMES, { each: true, message: `packages must each be one of ${PACKAGE_NAMES.join(', ')}` })
  packages!: PackageName[];

  @ApiPropertyOptional({ example: '20010', description: 'debiteurnummer' })
  @OptionalField()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/, { message: 'debtorNumber must be 1 to 20 letters, digits or dashes' })
  debtorNumber?: string;
}
