import type { RecordedEvent } from '../../event-store.port';
import { exportHeader, exportLine } from './export-format';

const event: RecordedEvent = {
  id: 'e1',
  stream: 'client-1',
  streamVersion: 2,
  position: 7,
  transactionId: '9',
  type: 'ClientDetailsChanged',
  data: { name: 'De Vries & "Van den Berg", B.V.' },
  metadata: { actor: 'r.jansen', commandId: 'c1', correlationId: 'k1', causationId: 'c0', reason: 'KvK-uittreksel, 2026' },
  recordedAt: new Date('2026-11-23T10:00:00Z'),
};

describe('export formats', () => {
  it('writes one JSON object per line for NDJSON', () => {
    const line = exportLine('ndjson', event);
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toMatchObject({ position: 7, type: 'ClientDetailsChanged', metadata: { actor: 'r.jansen' } });
  });

  it('quotes CSV fields holding commas and quotes', () => {
    expect(exportHeader('csv')).toBe(
      'position,stream,version,type,recordedAt,effectiveAt,actor,commandId,correlationId,causationId,reason,data\r\n',
    );
    expect(exportLine('csv', event)).toBe(
      '7,client-1,2,ClientDetailsChanged,2026-11-23T10:00:00.000Z,,r.jansen,c1,k1,c0,"KvK-uittreksel, 2026",' +
        '"{""name"":""De Vries & \\""Van den Berg\\"", B.V.""}"\r\n',
    );
  });
});
