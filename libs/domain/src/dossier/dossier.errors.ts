import { DomainError } from '../shared/domain-error';

/** After Afgewezen or Geen klant meer the dossier is kept as it was (retention), not edited. */
export class DossierClosed extends DomainError {
  constructor(clientId: string, status: string) {
    super('dossier.closed', 'rule', `the dossier of client ${clientId} is closed (status ${status}); it is kept, not changed`, {
      clientId,
      status,
    });
  }
}
