import { Controller, Get, Param } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { AllSandboxes } from '@koppelhub/connectors';
import { DomainError, maskBsn, PACKAGE_NAMES, type PackageName } from '@koppelhub/domain';
import { packageParam } from './package-param.pipe';
import { SyncGateway } from './sync-gateway';

class NoSandboxHere extends DomainError {
  constructor(pkg: PackageName) {
    super(
      'sync.no-sandbox',
      'not-found',
      `no ${pkg} sandbox runs in this process: the sandboxes stand in for the packages in embedded mode only, when no package endpoints are configured`,
      { package: pkg },
    );
  }
}

/**
 * What the embedded sandboxes hold and were asked, read through the API (the demo's view of each
 * package). Admins only, having no @Roles: the listings show what the packages were sent, personal
 * data included; BSNs masked, as in every answer of the hub.
 */
@ApiTags('sync')
@Controller('sandbox')
export class SandboxListingController {
  constructor(private readonly sync: SyncGateway) {}

  @Get(':package/records')
  @ApiParam({ name: 'package', enum: PACKAGE_NAMES })
  records(@Param('package', packageParam) pkg: PackageName) {
    const sandboxes = this.sandboxes(pkg);
    if (pkg !== 'nextens') return sandboxes[pkg].records();
    // Nextens keys a person on the BSN: masked as every answer masks a `bsn` (the interceptor does those).
    return sandboxes.nextens.records().map((relation) => (relation.kind === 'person' ? { ...relation, key: maskBsn(relation.key) } : relation));
  }

  @Get(':package/requests')
  @ApiParam({ name: 'package', enum: PACKAGE_NAMES })
  requests(@Param('package', packageParam) pkg: PackageName) {
    return this.sandboxes(pkg)[pkg].requests();
  }

  private sandboxes(pkg: PackageName): AllSandboxes {
    const sandboxes = this.sync.runtime?.sandboxes;
    if (!sandboxes) throw new NoSandboxHere(pkg);
    return sandboxes;
  }
}
