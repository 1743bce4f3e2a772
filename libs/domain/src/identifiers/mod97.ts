/** Letters as numbers (A=10 … Z=35), digits as themselves, then the remainder mod 97. */
export function mod97(text: string): number {
  const numeric = text.toUpperCase().replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  // 7-digit chunks keep remainder·10⁷ + chunk well below 2⁵³, so plain numbers stay exact.
  let remainder = 0;
  for (let i = 0; i < numeric.length; i += 7) {
    remainder = Number(`${remainder}${numeric.slice(i, i + 7)}`) % 97;
  }
  return remainder;
}
