import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { checkIban, checkKvkBranchNumber, checkKvkNumber, checkRsin, checkVatId } from '@koppelhub/domain';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsIdentifier } from '../../http/identifier.validator';
import { OptionalField } from '../../http/optional-field.decorator';

export class CompanyDto {
  @ApiPropertyOptional({ example: 'BV' })
  @OptionalField()
  @IsString()
  @MaxLength(50)
  legalForm?: string;

  @ApiProperty({ example: 'De Vries & Van den Berg Holding B.V.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  statutoryName!: string;

  @ApiPropertyOptional({ example: 'VB Holding' })
  @OptionalField()
  @IsString()
  @MaxLength(200)
  tradeName?: string;

  @ApiPropertyOptional({ example: '61234567' })
  @OptionalField()
  @IsIdentifier(checkKvkNumber)
  kvkNumber?: string;

  @ApiPropertyOptional({ example: '000012345678' })
  @OptionalField()
  @IsIdentifier(checkKvkBranchNumber)
  kvkBranchNumber?: string;

  @ApiPropertyOptional({ example: '792376092' })
  @OptionalField()
  @IsIdentifier(checkRsin)
  rsin?: string;

  @ApiPropertyOptional({
    example: 2,
    minimum: 1,
    maximum: 999,
    description: 'volgnummer of the fiscal number: tells apart companies sharing one RSIN, in the Nextens key <rsin>-<sequence>; left out means 1; needs rsin',
  })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(999)
  fiscalSequence?: number;

  @ApiPropertyOptional({ example: 'NL792376092B01' })
  @OptionalField()
  @IsIdentifier(checkVatId)
  vatId?: string;

  @ApiPropertyOptional({ example: 'NL35TRIO5326502014' })
  @OptionalField()
  @IsIdentifier(checkIban)
  iban?: string;
}
