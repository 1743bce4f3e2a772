import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@koppelhub/domain';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, Matches } from 'class-validator';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'twinfield-connector', description: 'the principal becomes key:<name>' })
  @Matches(/^[\w.@-]{1,80}$/, { message: 'name must be 1 to 80 letters, digits or . _ @ -' })
  name!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'roles must name at least one role' })
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `roles must each be one of ${ROLES.join(', ')}` })
  roles!: Role[];
}
