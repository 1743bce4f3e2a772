import { ApiPropertyOptional } from '@nestjs/swagger';
import { CDD_LEVELS, type CddLevel, RISK_CLASSES, type RiskClass } from '@koppelhub/domain';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../http/calendar-date.validator';
import { OptionalField } from '../../http/optional-field.decorator';
import { IdentificationDto } from './identification.dto';
import { RepresentativeDto, UboDto } from './parties.dto';
import { SanctionsCheckDto, ScreeningCheckDto } from './screening.dto';

/** An optional free-text part of the registration. */
const OptionalText = (max = 2000): PropertyDecorator => (target, key) => {
  OptionalField()(target, key);
  IsString()(target, key);
  MaxLength(max)(target, key);
};

export class CddDto {
  @ApiPropertyOptional({ enum: CDD_LEVELS })
  @OptionalField()
  @IsIn(CDD_LEVELS, { message: `level must be one of ${CDD_LEVELS.join(', ')}` })
  level?: CddLevel;

  @ApiPropertyOptional()
  @OptionalText()
  motivation?: string;
}

export class RiskDto {
  @ApiPropertyOptional({ enum: RISK_CLASSES })
  @OptionalField()
  @IsIn(RISK_CLASSES, { message: `class must be one of ${RISK_CLASSES.join(', ')}` })
  class?: RiskClass;

  @ApiPropertyOptional()
  @OptionalText()
  motivation?: string;
}

export class ClientScreeningDto {
  @ApiPropertyOptional({ type: ScreeningCheckDto })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => ScreeningCheckDto)
  pep?: ScreeningCheckDto;

  @ApiPropertyOptional({ type: SanctionsCheckDto })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => SanctionsCheckDto)
  sanctions?: SanctionsCheckDto;
}

export class EnhancedDto {
  @ApiPropertyOptional()
  @OptionalText()
  sourceOfWealth?: string;

  @ApiPropertyOptional({ description: 'who approved the enhanced CDD' })
  @OptionalText(200)
  approvedBy?: string;

  @ApiPropertyOptional({ example: '2026-11-10' })
  @OptionalField()
  @IsCalendarDate()
  approvedOn?: string;
}

/**
 * The Wwft registration as it now stands; any part may still be missing (see
 * `GET /wwft/completeness`). Leaving `ubos` out prefills them from the ownership structure.
 */
export class WwftRegistrationDto {
  @ApiPropertyOptional({ type: CddDto })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => CddDto)
  cdd?: CddDto;

  @ApiPropertyOptional({ type: IdentificationDto })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => IdentificationDto)
  identification?: IdentificationDto;

  @ApiPropertyOptional({ type: RepresentativeDto, isArray: true })
  @OptionalField()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RepresentativeDto)
  representatives?: RepresentativeDto[];

  @ApiPropertyOptional({ type: UboDto, isArray: true })
  @OptionalField()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => UboDto)
  ubos?: UboDto[];

  @ApiPropertyOptional({ example: 'UBO-2026-110-H' })
  @OptionalText(200)
  uboRegisterExtract?: string;

  @ApiPropertyOptional({ example: 'Samenstellen jaarrekening en fiscale aangiften' })
  @OptionalText()
  purpose?: string;

  @ApiPropertyOptional({ description: 'nature of the relationship' })
  @OptionalText()
  nature?: string;

  @ApiPropertyOptional({ type: ClientScreeningDto })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => ClientScreeningDto)
  screening?: ClientScreeningDto;

  @ApiPropertyOptional({ type: RiskDto })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => RiskDto)
  risk?: RiskDto;

  @ApiPropertyOptional({ type: EnhancedDto })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => EnhancedDto)
  enhanced?: EnhancedDto;
}
