import { effectiveDateOf } from './effective-date';

describe('the effective date of an event', () => {
  it('is the end date of a relationship that ended', () => {
    const ended = { type: 'ClientStatusChanged', data: { clientId: 'c', from: 'Klant', to: 'Geen klant meer', endDate: '2026-06-30' } };
    expect(effectiveDateOf(ended)).toBe('2026-06-30');
  });

  it('is absent for events that take effect when recorded', () => {
    expect(effectiveDateOf({ type: 'ClientStatusChanged', data: { clientId: 'c', from: 'Prospect', to: 'Klantaanvraag' } })).toBeUndefined();
    expect(effectiveDateOf({ type: 'ClientDetailsChanged', data: { clientId: 'c' } })).toBeUndefined();
  });
});
