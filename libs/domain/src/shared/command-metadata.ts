/**
 * Outside facts a decision may need. `decide` never reads the clock or a random source itself,
 * because a conflict retry runs it again and must reach the same outcome.
 */
export interface DecisionContext {
  now: Date;
}
