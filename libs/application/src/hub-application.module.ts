import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ChangeClientDetailsHandler } from './clients/change-client-details/change-client-details.handler';
import { RegisterClientHandler } from './clients/register-client/register-client.handler';
import { RenumberClientHandler } from './clients/renumber-client/renumber-client.handler';
import { AttachClusterMemberHandler } from './cluster/attach-cluster-member/attach-cluster-member.handler';
import { DesignateClusterHeadHandler } from './cluster/designate-cluster-head/designate-cluster-head.handler';
import { DetachClusterMemberHandler } from './cluster/detach-cluster-member/detach-cluster-member.handler';
import { RevokeClusterHeadHandler } from './cluster/revoke-cluster-head/revoke-cluster-head.handler';
import { ExpiredAnswersPurge } from './idempotency/expired-answers.purge';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { ChangeClientStatusHandler } from './acceptance/change-client-status/change-client-status.handler';
import { DecideApprovalHandler } from './acceptance/decide-approval/decide-approval.handler';
import { ApiKeyStore } from './auth/api-key.store';
import { PrincipalDirectory } from './auth/principal-directory';
import { AttachDossierDocumentHandler } from './dossier/attach-dossier-document/attach-dossier-document.handler';
import { GetDossierHandler, GetWwftCompletenessHandler } from './dossier/queries/dossier.query-handlers';
import { CLOCK } from './runtime/clock';
import { RecordEngagementHandler } from './dossier/record-engagement/record-engagement.handler';
import { RecordWwftRegistrationHandler } from './dossier/record-wwft-registration/record-wwft-registration.handler';
import { RecordWwftReviewHandler } from './dossier/record-wwft-review/record-wwft-review.handler';
import { UBO_SOURCE } from './ubos/ubo-source.port';
import { ChangeContactHandler } from './contacts/change-contact.handler';
import { GetContactHandler, GetContactHistoryHandler, ListClientContactsHandler } from './contacts/contact.query-handlers';
import { GrantPortalAccessHandler } from './contacts/grant-portal-access.handler';
import { LinkContactToMainHandler, UnlinkContactFromMainHandler } from './contacts/link-contact-to-main.handler';
import { RegisterContactHandler } from './contacts/register-contact.handler';
import { RemoveContactHandler } from './contacts/remove-contact.handler';
import { GetOrganogramModelHandler } from './organogram/organogram-model.query';
import { OwnershipUboSource } from './ownership/ownership-ubo-source';
import { RecordOwnershipHandler, RemoveOwnershipHandler } from './ownership/ownership.handlers';
import { GetUbosHandler } from './ownership/ubos.query';
import { GetReadinessHandler } from './packages/readiness.query';
import { SwitchPackagesHandler } from './packages/switch-packages.handler';
import { GetClientPortalAccessHandler, ListPortalUsersHandler } from './portal/portal.query-handlers';
import { ClearCorrespondenceCompanyHandler, SetCorrespondenceCompanyHandler } from './relations/correspondence-company.handlers';
import { ClearInvoiceToHandler, SetInvoiceToHandler } from './relations/invoice-to.handlers';
import { LinkPartnerHandler, UnlinkPartnerHandler } from './relations/partner.handlers';
import { GetClientRelationsHandler, GetMailingAddressHandler } from './relations/relation.queries';
import {
  GetClientHandler,
  GetClientHistoryHandler,
  GetClusterViewHandler,
  ListClustersHandler,
  SearchClientsHandler,
} from './queries/client.query-handlers';
import { GetClientAtHandler, GetClusterAtHandler } from './time-travel/time-travel.query-handlers';
import type { HubRuntime } from './runtime/hub-runtime';
import { DATABASE, EVENT_STORE, HUB_RUNTIME } from './runtime/tokens';

const commandHandlers = [
  RegisterClientHandler,
  ChangeClientDetailsHandler,
  RenumberClientHandler,
  DesignateClusterHeadHandler,
  AttachClusterMemberHandler,
  DetachClusterMemberHandler,
  RevokeClusterHeadHandler,
  ChangeClientStatusHandler,
  DecideApprovalHandler,
  RecordWwftRegistrationHandler,
  RecordWwftReviewHandler,
  RecordEngagementHandler,
  AttachDossierDocumentHandler,
  // contacts, portal, packages, relations and ownership (issue 3)
  SwitchPackagesHandler,
  RegisterContactHandler,
  ChangeContactHandler,
  RemoveContactHandler,
  LinkContactToMainHandler,
  UnlinkContactFromMainHandler,
  GrantPortalAccessHandler,
  SetInvoiceToHandler,
  ClearInvoiceToHandler,
  SetCorrespondenceCompanyHandler,
  ClearCorrespondenceCompanyHandler,
  LinkPartnerHandler,
  UnlinkPartnerHandler,
  RecordOwnershipHandler,
  RemoveOwnershipHandler,
];
const queryHandlers = [
  GetClientHandler,
  SearchClientsHandler,
  GetClusterViewHandler,
  ListClustersHandler,
  GetClientHistoryHandler,
  GetDossierHandler,
  GetWwftCompletenessHandler,
  GetReadinessHandler,
  GetContactHandler,
  GetContactHistoryHandler,
  ListClientContactsHandler,
  ListPortalUsersHandler,
  GetClientPortalAccessHandler,
  GetClientRelationsHandler,
  GetMailingAddressHandler,
  GetUbosHandler,
  GetOrganogramModelHandler,
  GetClientAtHandler,
  GetClusterAtHandler,
];

/** Command and query handlers over a started runtime; shared by the api, the worker and the cli. */
@Module({})
export class HubApplicationModule {
  static forRuntime(runtime: HubRuntime): DynamicModule {
    return {
      module: HubApplicationModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: HUB_RUNTIME, useValue: runtime },
        { provide: EVENT_STORE, useValue: runtime.store },
        { provide: DATABASE, useValue: runtime.database },
        { provide: CLOCK, useValue: runtime.clock },
        {
          provide: IdempotencyStore,
          useFactory: () => new IdempotencyStore(runtime.database.pool, runtime.settings.IDEMPOTENCY_KEY_HOURS),
        },
        ExpiredAnswersPurge,
        { provide: ApiKeyStore, useFactory: () => new ApiKeyStore(runtime.database.pool) },
        {
          provide: PrincipalDirectory,
          useFactory: (keys: ApiKeyStore) => new PrincipalDirectory(runtime.database.pool, keys),
          inject: [ApiKeyStore],
        },
        // The Wwft registration's UBOs are prefilled from the ownership structure.
        { provide: UBO_SOURCE, useFactory: () => new OwnershipUboSource(runtime.database.pool) },
        ...commandHandlers,
        ...queryHandlers,
      ],
      exports: [CqrsModule, HUB_RUNTIME, EVENT_STORE, DATABASE, CLOCK, IdempotencyStore, ApiKeyStore, PrincipalDirectory],
    };
  }
}
