import type { PackageName } from '../client/package-name';

/** The package the invoice-to setting goes to (the hours package), which links the target by its own id there. */
export const INVOICE_TO_PACKAGE: PackageName = 'qicsmilestones';
