/** Short badges for the koppelingen, in the order the firm lists them. */
export interface PackageBadge {
  name: string;
  short: string;
  color: string;
}

const KNOWN: readonly PackageBadge[] = [
  { name: 'pinkweb', short: 'PW', color: '#fbcfe8' },
  { name: 'casewarecloud', short: 'CW', color: '#bfdbfe' },
  { name: 'nextens', short: 'NX', color: '#bbf7d0' },
  { name: 'qicsmilestones', short: 'QM', color: '#fde68a' },
  { name: 'twinfield', short: 'TF', color: '#ddd6fe' },
];

const UNKNOWN_COLOR = '#e5e7eb';

/** Known packages in their fixed order, then unknown ones as given (never dropped: the data is the truth). */
export function packageBadges(packages: readonly string[]): PackageBadge[] {
  const wanted = new Set(packages.map((p) => p.trim().toLowerCase()).filter((p) => p.length > 0));
  const known = KNOWN.filter((badge) => wanted.has(badge.name));
  const unknown = [...wanted]
    .filter((name) => !KNOWN.some((badge) => badge.name === name))
    .sort()
    .map((name) => ({ name, short: name, color: UNKNOWN_COLOR }));
  return [...known, ...unknown];
}

/** "PW NX QM TF", or a plain Dutch "geen pakketten". */
export function packageShortList(packages: readonly string[]): string {
  const badges = packageBadges(packages);
  return badges.length === 0 ? 'geen pakketten' : badges.map((badge) => badge.short).join(' ');
}
