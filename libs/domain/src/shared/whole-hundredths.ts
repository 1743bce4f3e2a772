/**
 * Whether a number has at most two decimals. Checked in hundredths rather than by the digits after
 * the point: whole hundredths divided back give the very number a decimal text parsed to (12.34 is
 * 1234 / 100), and a small number printed in exponent notation (1e-7) has no point to count.
 */
export const isWholeHundredths = (value: number): boolean => Math.round(value * 100) / 100 === value;
