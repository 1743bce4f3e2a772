import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { HubApplicationModule, type HubRuntime, PersonalDataModule } from '@koppelhub/application';
import { ClientsController } from './clients/clients.controller';
import { ClusterController } from './clients/cluster.controller';
import { HealthController } from './health/health.controller';
import { AcceptanceController } from './acceptance/acceptance.controller';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { AuthenticationGuard } from './auth/authentication.guard';
import { AuthorizationGuard } from './auth/authorization.guard';
import { JwtVerifier } from './auth/jwt-verifier';
import { DossierController } from './dossier/dossier.controller';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { UnexpectedBodyInterceptor } from './http/unexpected-body.interceptor';
import { UnexpectedQueryInterceptor } from './http/unexpected-query.interceptor';
import { ContactsController } from './contacts/contacts.controller';
import { OrganogramController } from './organogram/organogram.controller';
import { OwnershipController } from './ownership/ownership.controller';
import { PackagesController } from './packages/packages.controller';
import { PortalController } from './portal/portal.controller';
import { RelationsController } from './relations/relations.controller';
import { AuditController } from './audit/audit.controller';
import { SyncController } from './sync/sync.controller';
import { SyncGateway } from './sync/sync-gateway';
import { QueueBoardController } from './sync/queue-board.controller';
import { SandboxListingController } from './sync/sandbox-listing.controller';
import { PersonalDataController } from './personal-data/personal-data.controller';
import { PersonalDataMaskingInterceptor } from './personal-data/personal-data-masking.interceptor';
import { MetricsController } from './metrics/metrics.controller';
import { metricsRegistryProvider } from './metrics/metrics-registry';

@Module({})
export class ApiModule {
  static forRuntime(runtime: HubRuntime): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        HubApplicationModule.forRuntime(runtime),
        PersonalDataModule.forRuntime(runtime),
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: runtime.settings.RATE_LIMIT_PER_MINUTE }]),
      ],
      controllers: [
        ClientsController,
        ClusterController,
        HealthController,
        AcceptanceController,
        DossierController,
        ApiKeysController,
        PackagesController,
        ContactsController,
        PortalController,
        RelationsController,
        OwnershipController,
        OrganogramController,
        SyncController,
        QueueBoardController,
        SandboxListingController,
        AuditController,
        PersonalDataController,
        MetricsController,
      ],
      providers: [
        { provide: JwtVerifier, useValue: new JwtVerifier(runtime.settings) },
        SyncGateway,
        metricsRegistryProvider(runtime),
        // Guards run in this order: rate limit, who is it, may they.
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: AuthorizationGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        // After idempotency: inside it, so the answers it stores are masked as well.
        { provide: APP_INTERCEPTOR, useClass: PersonalDataMaskingInterceptor },
        // Inside idempotency too: refusing a body a route does not take is an answer, as a pipe's is.
        { provide: APP_INTERCEPTOR, useClass: UnexpectedBodyInterceptor },
        // After masking, which tells `reveal` on a route without personal data more precisely.
        { provide: APP_INTERCEPTOR, useClass: UnexpectedQueryInterceptor },
      ],
    };
  }
}
