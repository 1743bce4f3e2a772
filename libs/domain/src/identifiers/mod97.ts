/**
 * Letters as numbers (A=10 … Z=35), digits as themselves, then the remainder mod 97, taken one
 * character at a time so every intermediate stays small. NaN for any other character.
 */
export function mod97(text: string): number {
  let remainder = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const letter = code | 0x20; // lower case for A–Z
    if (code >= 0x30 && code <= 0x39) remainder = (remainder * 10 + code - 0x30) % 97;
    else if (letter >= 0x61 && letter <= 0x7a) remainder = (remainder * 100 + letter - 0x61 + 10) % 97;
    else return NaN;
  }
  return remainder;
}
