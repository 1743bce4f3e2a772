import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DOCUMENT_KINDS, type DocumentKind } from '@koppelhub/domain';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { OptionalField } from '../../http/optional-field.decorator';

export class DossierDocumentDto {
  @ApiProperty({ enum: DOCUMENT_KINDS })
  @IsIn(DOCUMENT_KINDS, { message: `kind must be one of ${DOCUMENT_KINDS.join(', ')}` })
  kind!: DocumentKind;

  @ApiProperty({ example: 'Organogram VB Holding 2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'dms://vb-holding/organogram-2026.svg', description: 'where the file lives' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reference!: string;

  @ApiPropertyOptional({ example: 'image/svg+xml' })
  @OptionalField()
  @IsString()
  @MaxLength(100)
  mediaType?: string;
}
