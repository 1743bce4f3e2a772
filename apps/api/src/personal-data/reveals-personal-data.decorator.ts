import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { REVEALABLE_FIELDS } from '@koppelhub/domain';

export const REVEAL_VIEW_KEY = 'koppelhub:reveal-view';

/**
 * A route that may answer with personal data unmasked on `?reveal=bsn` (roles allowed only, and
 * audited); every other route answers masked and refuses `reveal`. The route's `:id` is the client.
 */
export const RevealsPersonalData = (view: string) =>
  applyDecorators(
    SetMetadata(REVEAL_VIEW_KEY, view),
    ApiQuery({
      name: 'reveal',
      required: false,
      enum: REVEALABLE_FIELDS,
      description: 'show the BSN unmasked (relatiebeheer and admin only); the read is recorded for the auditor',
    }),
  );
