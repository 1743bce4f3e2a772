import { Query } from '@nestjs/cqrs';
import type { WwftAssessment } from '@koppelhub/domain';
import type { DossierView } from './dossier-view';

export class GetDossierQuery extends Query<DossierView> {
  constructor(readonly clientId: string) {
    super();
  }
}

export class GetWwftCompletenessQuery extends Query<WwftAssessment & { clientId: string }> {
  constructor(readonly clientId: string) {
    super();
  }
}
