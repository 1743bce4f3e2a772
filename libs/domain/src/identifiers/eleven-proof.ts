const WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2, -1];

/**
 * The 11-check of BSN, RSIN and older VAT ids: 9 digits with Σ dᵢ·wᵢ (w = 9,8,…,2,−1) a multiple of 11.
 * Nine zeros sum to 0 but are never issued, so they fail here too rather than slip through a caller.
 */
export function elevenProof(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(digits[i]), 0);
  return sum % 11 === 0;
}
