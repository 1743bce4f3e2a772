import { ERASED, erasedSubjectsOf, personalFieldsOf } from '@koppelhub/domain';
import type { PersonalDataPolicy } from '@koppelhub/eventstore';

/** The domain's personal fields, as the sealing event store reads them. */
export const hubPersonalDataPolicy: PersonalDataPolicy = {
  erasedValue: ERASED,
  targetsOf: personalFieldsOf,
  erasedSubjectsOf,
};
