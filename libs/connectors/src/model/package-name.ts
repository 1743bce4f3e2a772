/** The external packages the hub can push a client to. */
export const PACKAGE_NAMES = ['pinkweb', 'casewarecloud', 'nextens', 'qicsmilestones', 'twinfield'] as const;

export type PackageName = (typeof PACKAGE_NAMES)[number];

export function isPackageName(value: string): value is PackageName {
  return (PACKAGE_NAMES as readonly string[]).includes(value);
}
