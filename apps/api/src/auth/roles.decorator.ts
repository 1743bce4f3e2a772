import { SetMetadata } from '@nestjs/common';
import type { Role } from '@koppelhub/domain';

export const ROLES_KEY = 'koppelhub:roles';
export const PUBLIC_KEY = 'koppelhub:public';

/** The roles that may call a route (admin always may). A route without it is admin-only. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Open without credentials: only the health check. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Who may do what, per kind of route (docs/domain.md, roles in the workflow). */
export const READERS: Role[] = ['relatiebeheer', 'klantgoedkeurder', 'centrale-administratie', 'auditor'];
export const EDITORS: Role[] = ['relatiebeheer'];
export const STATUS_SETTERS: Role[] = ['relatiebeheer', 'centrale-administratie'];
export const APPROVERS: Role[] = ['klantgoedkeurder'];
