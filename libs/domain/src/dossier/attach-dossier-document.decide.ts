import { ValidationFailed } from '../shared/domain-error';
import type { ClientState } from '../client/client.state';
import type { DossierDocumentAttached } from './dossier.events';
import { DOCUMENT_KINDS, type DossierDocument } from './dossier.model';
import type { DossierState } from './dossier.state';
import { clientWithOpenDossier } from './open-dossier';

export interface AttachDossierDocument {
  type: 'AttachDossierDocument';
  data: { clientId: string; documentId: string; document: DossierDocument };
}

/** Records a document's metadata and reference (the organogram among them, attached when drawn). */
export function decideAttachDossierDocument(
  command: AttachDossierDocument,
  client: ClientState,
  dossier: DossierState,
): DossierDocumentAttached[] {
  const { clientId, documentId, document } = command.data;
  clientWithOpenDossier(clientId, client);
  const violations = [];
  if (!(DOCUMENT_KINDS as readonly string[]).includes(document.kind)) {
    violations.push({ field: 'kind', message: `kind must be one of ${DOCUMENT_KINDS.join(', ')}` });
  }
  if (!document.name?.trim()) violations.push({ field: 'name', message: 'a document needs a name' });
  if (!document.reference?.trim()) violations.push({ field: 'reference', message: 'a document needs a reference' });
  if (violations.length > 0) throw new ValidationFailed(violations);
  if (dossier.documents.some((existing) => existing.id === documentId)) return [];
  return [{ type: 'DossierDocumentAttached', data: { clientId, documentId, document } }];
}
