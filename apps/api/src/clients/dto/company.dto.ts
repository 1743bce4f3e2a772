import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { checkIban, checkKvkBranchNumber, checkKvkNumber, checkRsin, checkVatId } from '@koppelhub/domain';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIdentifier } from '../../http/identifier.validator';

export class CompanyDto {
  @ApiPropertyOptional({ example: 'BV' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  legalForm?: string;

  @ApiProperty({ example: 'De Vries & Van den Berg Holding B.V.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  statutoryName!: string;

  @ApiPropertyOptional({ example: 'VB Holding' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  tradeName?: string;

  @ApiPropertyOptional({ example: '61234567' })
  @IsOptional()
  @IsIdentifier(checkKvkNumber)
  kvkNumber?: string;

  @ApiPropertyOptional({ example: '000012345678' })
  @IsOptional()
  @IsIdentifier(checkKvkBranchNumber)
  kvkBranchNumber?: string;

  @ApiPropertyOptional({ example: '792376092' })
  @IsOptional()
  @IsIdentifier(checkRsin)
  rsin?: string;

  @ApiPropertyOptional({ example: 'NL792376092B01' })
  @IsOptional()
  @IsIdentifier(checkVatId)
  vatId?: string;

  @ApiPropertyOptional({ example: 'NL35TRIO5326502014' })
  @IsOptional()
  @IsIdentifier(checkIban)
  iban?: string;
}
