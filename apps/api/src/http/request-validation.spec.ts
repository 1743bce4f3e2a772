import 'reflect-metadata';
import { type FieldViolation, ValidationFailed } from '@koppelhub/domain';
import { RegisterClientDto } from '../clients/dto/register-client.dto';
import { MainRefDto } from '../contacts/dto/main-ref.dto';
import { requestValidationPipe } from './request-validation';

describe('request validation: one telling message per field', () => {
  const address = { street: 'Stationsplein', houseNumber: '1', postcode: '3511 ED', city: 'Utrecht', country: 'NL' };
  const valid = { kind: 'company', clientNumber: '20010', searchName: 'VRIBERHOLD', company: { statutoryName: 'Holding B.V.' }, address };

  async function violationsOf(body: Record<string, unknown>): Promise<FieldViolation[]> {
    try {
      await requestValidationPipe.transform(body, { type: 'body', metatype: RegisterClientDto });
    } catch (error) {
      if (error instanceof ValidationFailed) return error.violations;
      throw error;
    }
    return [];
  }

  it('given a valid registration, then nothing is refused', async () => {
    expect(await violationsOf(valid)).toEqual([]);
  });

  it('given a required field left out, then it is named once, as missing, not as too long or of the wrong kind', async () => {
    const { searchName: _left, ...body } = valid;

    expect(await violationsOf(body)).toEqual([{ field: 'searchName', message: 'searchName is required' }]);
  });

  it('given a required field told by its pattern left out, then it is told as missing, not by the pattern', async () => {
    const { clientNumber: _left, ...body } = valid;

    expect(await violationsOf(body)).toEqual([{ field: 'clientNumber', message: 'clientNumber is required' }]);
  });

  it('given a required part or nested field left out, then each is told as missing by its path', async () => {
    const { address: _left, ...body } = valid;

    expect(await violationsOf({ ...body, company: {} })).toEqual([
      { field: 'company.statutoryName', message: 'statutoryName is required' },
      { field: 'address', message: 'address is required' },
    ]);
  });

  it('given neither of a choice of two fields, then the choice is told, not one of them as required', async () => {
    await expect(requestValidationPipe.transform({}, { type: 'body', metatype: MainRefDto })).rejects.toMatchObject({
      violations: [{ field: 'clientId', message: 'give exactly one of clientId (a person client) and contactId (a contact)' }],
    });
  });

  it('given a required field sent empty, then it is told as empty, not as missing', async () => {
    expect(await violationsOf({ ...valid, searchName: '' })).toEqual([{ field: 'searchName', message: 'searchName should not be empty' }]);
  });

  it('given an optional field left out, then nothing is told of it', async () => {
    expect(await violationsOf({ ...valid, email: undefined })).toEqual([]);
  });

  it('given a field of the wrong kind, then its kind is told, not the length rule that presupposes it', async () => {
    expect(await violationsOf({ ...valid, searchName: 42 })).toEqual([{ field: 'searchName', message: 'searchName must be a string' }]);
    expect(await violationsOf({ ...valid, address: 'Utrecht' })).toEqual([{ field: 'address', message: 'address must be an object' }]);
  });

  it('given a value of the right kind breaking a rule, then that rule is told', async () => {
    expect(await violationsOf({ ...valid, searchName: 'X'.repeat(51) })).toEqual([
      { field: 'searchName', message: 'searchName must be shorter than or equal to 50 characters' },
    ]);
  });

  it('given several fields wrong at once, then every field is still named, each once', async () => {
    const violations = await violationsOf({ kind: 'company', clientNumber: '20010', company: { rsin: '123' }, bogus: 1 });

    expect(violations.map((v) => v.field)).toEqual(['bogus', 'searchName', 'company.statutoryName', 'company.rsin', 'address']);
  });

  describe('fields named after what every object inherits', () => {
    const asSent = (json: string) => JSON.parse(json) as Record<string, unknown>;

    it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'prototype', 'isPrototypeOf'])(
      'given %s at the top level or nested, then it is refused as an unknown field, like any other',
      async (name) => {
        const body = asSent(`{"${name}":{"x":1},"kind":"company","clientNumber":"20010","searchName":"VRIBERHOLD",` +
          `"company":{"statutoryName":"Holding B.V.","${name}":"x"},"address":${JSON.stringify(address)}}`);

        expect(await violationsOf(body)).toEqual([
          { field: name, message: `${name} should not exist` },
          { field: `company.${name}`, message: `${name} should not exist` },
        ]);
      },
    );

    it('given one among other violations, then all are told at once', async () => {
      const body = asSent(`{"constructor":1,"kind":"company","clientNumber":"20010","company":{"statutoryName":"Holding B.V."},"bogus":1}`);

      expect((await violationsOf(body)).map((v) => v.field)).toEqual(['constructor', 'bogus', 'searchName', 'address']);
    });

    it('given such a name in an array of objects or in a value of a known field, then its path is named', async () => {
      const body = asSent(`{"packages":["pinkweb"],"kind":"company","clientNumber":"20010","searchName":"VRIBERHOLD",` +
        `"company":{"statutoryName":"Holding B.V."},"address":${JSON.stringify(address)},"list":[{"ok":1},{"valueOf":2}]}`);

      expect((await violationsOf(body)).map((v) => v.field)).toEqual(['list.1.valueOf', 'list']);
    });
  });
});

