export type IdentifierCheck = { valid: true; normalized: string } | { valid: false; message: string };

export const valid = (normalized: string): IdentifierCheck => ({ valid: true, normalized });
export const invalid = (message: string): IdentifierCheck => ({ valid: false, message });
