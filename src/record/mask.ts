// The answerer's surname and extension are personal data (個資法): lists and exports show them masked.
const MASK = '○';

/** 王 → 王○○; an empty name stays empty. Only the first character is ever shown. */
export function maskSurname(surname: string | undefined | null): string {
  const s = (surname ?? '').trim();
  if (!s) return '';
  return Array.from(s)[0] + MASK + MASK;
}

/** 1234 → 1○○○: enough to tell extensions apart on a review, not enough to dial. */
export function maskExtension(extension: string | undefined | null): string {
  const chars = Array.from((extension ?? '').trim());
  if (chars.length === 0) return '';
  return chars[0] + MASK.repeat(Math.max(chars.length - 1, 2));
}
