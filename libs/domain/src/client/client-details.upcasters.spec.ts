import { CLIENT_DETAILS_UPCASTERS } from './client-details.upcasters';

const upcast = (type: string, data: Record<string, unknown>) =>
  CLIENT_DETAILS_UPCASTERS.find((u) => u.type === type && u.from === 1)!.upcast(data);

describe('client card events of schema version 1', () => {
  it('turn the package switches into the list of packages switched on, in the canonical order', () => {
    const v1 = { clientId: 'c', details: { searchName: 'X', packages: { twinfield: true, nextens: false, pinkweb: true } } };
    expect(upcast('ClientRegistered', v1)).toEqual({ clientId: 'c', details: { searchName: 'X', packages: ['pinkweb', 'twinfield'] } });
  });

  it('treat missing switches as none, and leave an already listed card alone', () => {
    expect(upcast('ClientDetailsChanged', { details: { searchName: 'X' } })).toEqual({ details: { searchName: 'X', packages: [] } });
    const v2 = { details: { packages: ['nextens'] } };
    expect(upcast('ClientDetailsChanged', v2)).toBe(v2);
  });
});
