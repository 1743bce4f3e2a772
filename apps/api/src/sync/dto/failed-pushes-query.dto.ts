import { ApiPropertyOptional } from '@nestjs/swagger';
import { PACKAGE_NAMES, type PackageName } from '@koppelhub/domain';
import { IsIn } from 'class-validator';
import { OptionalField } from '../../http/optional-field.decorator';
import { PageDto } from '../../http/page.dto';

/** A page of the failed list, optionally of one package. */
export class FailedPushesQueryDto extends PageDto {
  @ApiPropertyOptional({ enum: PACKAGE_NAMES })
  @OptionalField()
  @IsIn(PACKAGE_NAMES)
  package?: PackageName;
}
