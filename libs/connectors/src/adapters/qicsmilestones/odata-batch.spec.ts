import { type BatchPartRequest, type BatchPartResponse, boundaryOf, readBatchRequest, readBatchResponse, writeBatchRequest, writeBatchResponse } from './odata-batch';

describe('OData $batch writer and reader', () => {
  const boundary = 'batch_36522ad7-fc75-4b56-8c71-56071383e77b';
  const contentType = `multipart/mixed; boundary=${boundary}`;

  describe('requests', () => {
    it('given a read and two writes, when written and read back, then each request comes back in order with path, headers and body intact', () => {
      // Given
      const requests: BatchPartRequest[] = [
        {
          method: 'GET',
          path: "/odata/CustomerCompany?$filter=CustomerCode%20eq%20'20010'&$top=1",
          headers: { Accept: 'application/json;odata=minimalmetadata' },
        },
        {
          method: 'POST',
          path: '/odata/CustomerCompany',
          headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
          body: JSON.stringify({ CustomerCode: '20010', Name: 'Café Ñandú — Ürün B.V. ✓' }),
        },
        {
          method: 'PATCH',
          path: '/odata/CustomerCompany(7)',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ IsActive: false, DebtorNumber: null }),
        },
      ];

      // When
      const body = writeBatchRequest(boundary, requests);
      const read = readBatchRequest(contentType, body);

      // Then
      expect(read).toEqual([
        {
          method: 'GET',
          path: "/odata/CustomerCompany?$filter=CustomerCode%20eq%20'20010'&$top=1",
          headers: { accept: 'application/json;odata=minimalmetadata' },
        },
        {
          method: 'POST',
          path: '/odata/CustomerCompany',
          headers: { accept: 'application/json', 'content-type': 'application/json' },
          body: '{"CustomerCode":"20010","Name":"Café Ñandú — Ürün B.V. ✓"}',
        },
        {
          method: 'PATCH',
          path: '/odata/CustomerCompany(7)',
          headers: { 'content-type': 'application/json' },
          body: '{"IsActive":false,"DebtorNumber":null}',
        },
      ]);
    });

    it('given a read and a write, when written, then the read is a plain part and the write sits in a changeset of its own', () => {
      // Given
      const requests: BatchPartRequest[] = [
        { method: 'GET', path: '/odata/CustomerCompany(1)', headers: {} },
        { method: 'POST', path: '/odata/CustomerCompany', headers: { 'Content-Type': 'application/json' }, body: '{}' },
        { method: 'PATCH', path: '/odata/CustomerCompany(1)', headers: { 'Content-Type': 'application/json' }, body: '{}' },
      ];

      // When
      const body = writeBatchRequest(boundary, requests);

      // Then
      const parts = body.split(`--${boundary}`);
      expect(parts[0]).toBe('');
      expect(parts[1]).toMatch(/^\r\nContent-Type: application\/http\r\n/);
      expect(parts[2]).toMatch(/^\r\nContent-Type: multipart\/mixed; boundary=changeset_\S+\r\n/);
      expect(parts[3]).toMatch(/^\r\nContent-Type: multipart\/mixed; boundary=changeset_\S+\r\n/);
      expect(parts[2]).toContain('POST /odata/CustomerCompany HTTP/1.1\r\n');
      expect(parts[3]).toContain('PATCH /odata/CustomerCompany(1) HTTP/1.1\r\n');
      const changesets = [parts[2], parts[3]].map((part) => boundaryOf(part));
      expect(new Set(changesets).size).toBe(2);
      expect(body.endsWith(`--${boundary}--\r\n`)).toBe(true);
    });

    it('given the boundary quoted in the content type, when read, then the requests are found', () => {
      // Given
      const body = writeBatchRequest(boundary, [{ method: 'GET', path: '/odata/CustomerCompany(5)', headers: {} }]);

      // When
      const read = readBatchRequest(`multipart/mixed; boundary="${boundary}"`, body);

      // Then
      expect(read).toEqual([{ method: 'GET', path: '/odata/CustomerCompany(5)', headers: {} }]);
    });

    it('given a content type that is not multipart/mixed, when read, then a message says what is wrong', () => {
      // Given
      const body = writeBatchRequest(boundary, [{ method: 'GET', path: '/odata/CustomerCompany', headers: {} }]);

      // When
      const asJson = readBatchRequest('application/json', body);
      const withoutBoundary = readBatchRequest('multipart/mixed', body);
      const missing = readBatchRequest(undefined, body);

      // Then
      for (const read of [asJson, withoutBoundary, missing]) {
        expect(read).toBe('A batch request must be multipart/mixed with a boundary.');
      }
    });

    it('given a part whose request line is not HTTP, when read, then a message names the line', () => {
      // Given
      const body = `--${boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nFETCH me something\r\n\r\n\r\n--${boundary}--\r\n`;

      // When
      const read = readBatchRequest(contentType, body);

      // Then
      expect(read).toBe("Unreadable request line in the batch: 'FETCH me something'.");
    });

    it('given a part that is neither application/http nor a changeset, when read, then a message says what is wrong rather than a throw', () => {
      // Given
      const body = `--${boundary}\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`;

      // When
      let read: ReturnType<typeof readBatchRequest> | undefined;
      const reading = (): void => {
        read = readBatchRequest(contentType, body);
      };

      // Then: as its doc says, a string says what is wrong (the sandbox answers it with a 400)
      expect(reading).not.toThrow();
      expect(typeof read).toBe('string');
    });
  });

  describe('responses', () => {
    it('given a read, a created write, a failed write and a 204, when written and read back, then each response comes back in order', () => {
      // Given
      const responses: Array<BatchPartResponse & { write: boolean }> = [
        { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"value":[{"Name":"Müller & Zoon"}]}', write: false },
        { status: 201, headers: { 'Content-Type': 'application/json', Location: '/odata/CustomerCompany(3)' }, body: '{"CustomerCompanyId":3}', write: true },
        { status: 400, headers: { 'Content-Type': 'application/json' }, body: '{"odata.error":{"message":{"value":"Naam ongeldig: é"}}}', write: true },
        { status: 204, headers: {}, body: '', write: true },
      ];

      // When
      const body = writeBatchResponse(boundary, responses);
      const read = readBatchResponse(contentType, body);

      // Then
      expect(read).toEqual([
        { status: 200, headers: { 'content-type': 'application/json' }, body: '{"value":[{"Name":"Müller & Zoon"}]}' },
        { status: 201, headers: { 'content-type': 'application/json', location: '/odata/CustomerCompany(3)' }, body: '{"CustomerCompanyId":3}' },
        { status: 400, headers: { 'content-type': 'application/json' }, body: '{"odata.error":{"message":{"value":"Naam ongeldig: é"}}}' },
        { status: 204, headers: {}, body: '' },
      ]);
    });

    it('given a failed write, when written, then its error is answered alone, not wrapped in a changeset', () => {
      // Given
      const responses = [
        { status: 201, headers: {}, body: '{}', write: true },
        { status: 400, headers: {}, body: '{}', write: true },
        { status: 500, headers: {}, body: '{}', write: true },
      ];

      // When
      const body = writeBatchResponse(boundary, responses);

      // Then
      const parts = body.split(`--${boundary}`).slice(1, 4);
      expect(parts[0]).toMatch(/^\r\nContent-Type: multipart\/mixed; boundary=changesetresponse_\S+\r\n[\s\S]*HTTP\/1\.1 201 Created\r\n/);
      expect(parts[1]).toMatch(/^\r\nContent-Type: application\/http\r\nContent-Transfer-Encoding: binary\r\n\r\nHTTP\/1\.1 400 Bad Request\r\n/);
      expect(parts[2]).toMatch(/^\r\nContent-Type: application\/http\r\nContent-Transfer-Encoding: binary\r\n\r\nHTTP\/1\.1 500 Internal Server Error\r\n/);
      expect(parts[1]).not.toContain('changeset');
      expect(parts[2]).not.toContain('changeset');
    });

    it('given a part that is not an HTTP response, when read, then it throws', () => {
      // Given
      const body = `--${boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET /odata/CustomerCompany HTTP/1.1\r\n\r\n\r\n--${boundary}--\r\n`;

      // When / Then
      expect(() => readBatchResponse(contentType, body)).toThrow('the batch answer holds a part that is not an HTTP response');
    });

    it('given an answer without a boundary, when read, then it throws', () => {
      // Given
      const body = writeBatchResponse(boundary, [{ status: 200, headers: {}, body: '{}', write: false }]);

      // When / Then
      expect(() => readBatchResponse('application/json', body)).toThrow('the batch answer has no multipart boundary');
    });
  });

  describe('line endings', () => {
    it('given an answer written with bare line feeds, when read, then its responses come back the same', () => {
      // Given an answer as a server writing LF only would send it
      const written = writeBatchResponse(boundary, [
        { status: 200, headers: { 'content-type': 'application/json' }, body: '{"value":[]}', write: false },
        { status: 201, headers: { location: '/odata/CustomerCompany(1)' }, body: '{"CustomerCompanyId":1}', write: true },
      ]);
      const lfOnly = written.replace(/\r\n/g, '\n');

      // When read, then the same as with CRLF
      expect(readBatchResponse(contentType, lfOnly)).toEqual(readBatchResponse(contentType, written));
      expect(readBatchResponse(contentType, lfOnly).map((part) => part.status)).toEqual([200, 201]);
    });
  });

  describe('boundaryOf', () => {
    it('given a quoted boundary, then it is read without its quotes, spaces and all', () => {
      // Given / When / Then
      expect(boundaryOf('multipart/mixed; boundary="batch one=two"; charset=utf-8')).toBe('batch one=two');
    });

    it('given an unquoted boundary, then it ends at the next parameter', () => {
      // Given / When / Then
      expect(boundaryOf('multipart/mixed;boundary=batch_abc;charset=utf-8')).toBe('batch_abc');
      expect(boundaryOf('Multipart/Mixed; BOUNDARY=changeset_1')).toBe('changeset_1');
    });

    it('given no boundary, then there is none', () => {
      // Given / When / Then
      expect(boundaryOf('multipart/mixed')).toBeUndefined();
      expect(boundaryOf(undefined)).toBeUndefined();
    });
  });
});
