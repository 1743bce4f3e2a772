import { Transform } from 'class-transformer';

/**
 * A query value becomes a number only when it is written as one: decimal digits, a minus at most.
 * `Number()` would also read `0x10`, `1e1`, ` 5` or an empty value (as 0); those stay text, for
 * `@IsInt` to refuse as not a whole number, as `X-Min-Position` refuses them.
 */
export const WholeNumberQuery = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value));
