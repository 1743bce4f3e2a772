import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class ApprovalDto {
  @ApiProperty({ enum: ['approved', 'rejected'] })
  @IsIn(['approved', 'rejected'], { message: 'decision must be approved or rejected' })
  decision!: 'approved' | 'rejected';

  @ApiPropertyOptional({ description: 'required when rejected' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
