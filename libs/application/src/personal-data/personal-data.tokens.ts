/** The per-person keys (`SubjectKeys`) the runtime's store seals with. */
export const SUBJECT_KEYS = Symbol('SubjectKeys');
