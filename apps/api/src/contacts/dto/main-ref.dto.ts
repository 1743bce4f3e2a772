import { ApiPropertyOptional } from '@nestjs/swagger';
import type { MainRef } from '@koppelhub/domain';
import { Transform } from 'class-transformer';
import { isUUID, ValidateBy } from 'class-validator';
import { IsId } from '../../http/id-field.decorator';
import { OptionalField } from '../../http/optional-field.decorator';

/**
 * Exactly one of the two fields, and this one a UUID when given. One rule, because class-validator
 * skips every rule of a property that `@OptionalField` finds missing.
 */
const ExactlyOneOf = (other: string) =>
  ValidateBy({
    name: 'exactly-one-of',
    validator: {
      validate: (value: unknown, args) =>
        (value !== undefined) !== ((args?.object as Record<string, unknown>)[other] !== undefined) &&
        (value === undefined || (typeof value === 'string' && isUUID(value))),
      defaultMessage: (args) =>
        args?.value === undefined || (args.object as Record<string, unknown>)[other] !== undefined
          ? `give exactly one of ${args?.property} (a person client) and ${other} (a contact)`
          : `${args?.property} must be a client id (UUID)`,
    },
  });

/** The main to link to: `{clientId}` (the person client the contact is) or `{contactId}`, exactly one. */
export class MainRefDto {
  @ApiPropertyOptional({ description: 'a person client' })
  @ExactlyOneOf('contactId')
  // In lower case, as IsId takes every other id.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  clientId?: string;

  @ApiPropertyOptional({ description: 'a contact acting as main' })
  @OptionalField()
  @IsId('contact')
  contactId?: string;
}

export function toMainRef(dto: MainRefDto): MainRef {
  return dto.clientId !== undefined ? { kind: 'client', id: dto.clientId } : { kind: 'contact', id: dto.contactId! };
}
