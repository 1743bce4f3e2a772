import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { OptionalField } from '../../http/optional-field.decorator';

export class ApprovalDto {
  @ApiProperty({ enum: ['approved', 'rejected'] })
  @IsIn(['approved', 'rejected'], { message: 'decision must be approved or rejected' })
  decision!: 'approved' | 'rejected';

  @ApiPropertyOptional({ description: 'required when rejected; recorded with an approval when given' })
  @OptionalField()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
