import { registered } from '../testing/client-events';
import { engagementRecorded, fileOf, statusChanged } from '../testing/acceptance-events';
import type { DomainEvent } from '../shared/domain-event';
import { type AttachDossierDocument, decideAttachDossierDocument } from './attach-dossier-document.decide';
import { decideRecordEngagement, type RecordEngagement } from './record-engagement.decide';

const C = 'c1';
const engagement = (description: string, engagementId = 'e1'): RecordEngagement => ({
  type: 'RecordEngagement',
  data: { clientId: C, engagementId, engagement: { description } },
});
const recording = (command: RecordEngagement, ...events: DomainEvent[]) => {
  const file = fileOf(...events);
  return decideRecordEngagement(command, file.client, file.dossier);
};
const organogram: AttachDossierDocument = {
  type: 'AttachDossierDocument',
  data: { clientId: C, documentId: 'd1', document: { kind: 'organogram', name: 'Organogram VB Holding', reference: 'dms://vb/organogram-2026.svg' } },
};

describe('the dossier', () => {
  it('given a registered client, then its dossier exists and is empty', () => {
    expect(fileOf(registered(C)).dossier).toEqual({ engagements: [], documents: [] });
  });

  it('given a client, when an engagement is recorded, then the dossier holds it', () => {
    expect(recording(engagement('Jaarrekening'), registered(C))).toEqual([engagementRecorded(C, 'Jaarrekening')]);
  });
  it('given the engagement was recorded by the same command, when resent, then nothing is written', () => {
    expect(recording(engagement('Jaarrekening'), registered(C), engagementRecorded(C))).toEqual([]);
  });
  it('given a client, when an engagement has no description, then it is refused', () => {
    expect(() => recording(engagement(' '), registered(C))).toThrow(expect.objectContaining({ code: 'validation-failed' }));
  });
  it('given a rejected client, when an engagement is recorded, then the closed dossier refuses', () => {
    expect(() => recording(engagement('Jaarrekening'), registered(C), statusChanged(C, 'Ter goedkeuring', 'Afgewezen'))).toThrow(
      expect.objectContaining({ code: 'dossier.closed' }),
    );
  });

  it('given a client, when the organogram is attached, then the dossier lists it by reference', () => {
    const file = fileOf(registered(C));
    const events = decideAttachDossierDocument(organogram, file.client, file.dossier);
    expect(fileOf(registered(C), ...events).dossier.documents).toEqual([{ id: 'd1', ...organogram.data.document }]);
  });
  it('given a document without a reference, then it is refused', () => {
    const file = fileOf(registered(C));
    const command = { ...organogram, data: { ...organogram.data, document: { ...organogram.data.document, reference: '' } } };
    expect(() => decideAttachDossierDocument(command, file.client, file.dossier)).toThrow(
      expect.objectContaining({ violations: [{ field: 'reference', message: 'a document needs a reference' }] }),
    );
  });
});
