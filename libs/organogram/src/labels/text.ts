/** Text helpers shared by the DOT and the Mermaid renderer: the words a person reads. */

/** Collapses runs of whitespace (newlines included) so a name stays one line in both outputs. */
export function cleanText(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

const percentFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });

/** Dutch notation, the way the firm writes shares: 50%, 33,33%. */
export function formatPercent(percent: number): string {
  return `${percentFormat.format(percent)}%`;
}

export const KIND_LABEL = { company: 'onderneming', person: 'persoon' } as const;
export const ROLE_LABEL = { head: 'clusterhoofd', member: 'clusterlid', none: 'geen clusterrol' } as const;
export const INVOICE_LABEL = 'factuur aan';

export function portalLabel(portal: boolean): string {
  return portal ? '● portaal: aan' : '○ portaal: uit';
}

/** A portal user group gets a letter (A, B, …, Z, AA, …) so the same login is recognisable at every client. */
export function groupLetter(index: number): string {
  let n = index;
  let letters = '';
  do {
    letters = String.fromCharCode(65 + (n % 26)) + letters;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return letters;
}

/** Splits a list into lines of at most `perLine` items, so long "ziet" lists don't widen a node. */
export function chunk<T>(items: readonly T[], perLine: number): T[][] {
  const lines: T[][] = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine));
  return lines;
}

export const LEGEND_TEXT =
  'eigendom: pijl met % · factuur aan: gestippeld · portaaltoegang tot een andere klant: gestreept · ' +
  'dubbele rand: clusterhoofd · ovaal: persoon';
