/** koppelingen: the external packages a client can be switched on for. */
export const PACKAGE_NAMES = ['pinkweb', 'casewarecloud', 'nextens', 'qicsmilestones', 'twinfield'] as const;
export type PackageName = (typeof PACKAGE_NAMES)[number];
