import { SetMetadata } from '@nestjs/common';

export const NOT_REPLAYABLE = 'koppelhub:not-replayable';

/**
 * The answer holds a secret shown once (a new API key): it is not stored for Idempotency-Key
 * replays, so it never rests in the database. A repeat is refused by the route's own rules.
 */
export const NotReplayable = () => SetMetadata(NOT_REPLAYABLE, true);
