import type { PipeTransform } from '@nestjs/common';
import { PACKAGE_NAMES, type PackageName, ValidationFailed } from '@koppelhub/domain';

/**
 * A package name in a path. An unknown one is a malformed request (400, naming the valid ones),
 * not a package without failed pushes (404): the client would otherwise read a typo as "nothing
 * to retry". The value is not quoted back, as with any other field.
 */
export const packageParam: PipeTransform<string, PackageName> = {
  transform(value: string): PackageName {
    if ((PACKAGE_NAMES as readonly string[]).includes(value)) return value as PackageName;
    throw new ValidationFailed([{ field: 'package', message: `package must be one of ${PACKAGE_NAMES.join(', ')}` }]);
  },
};
