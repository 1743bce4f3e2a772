import { RequestLog } from './request-log';

const request = (operation: string, n: number) => ({ method: 'POST', path: `/things/${n}`, operation, status: 201 });

describe('RequestLog', () => {
  it('given more requests than it keeps, when listed, then it lists the newest and still counts every one', () => {
    const log = new RequestLog(3);
    for (let n = 1; n <= 7; n++) log.record(request(n % 2 === 0 ? 'POST even' : 'POST odd', n));

    expect(log.list().map((entry) => entry.path)).toEqual(['/things/5', '/things/6', '/things/7']);
    expect(log.countsByOperation()).toEqual({ 'POST odd': 4, 'POST even': 3 });
  });

  it('given requests, when cleared, then the list and the counts start afresh', () => {
    const log = new RequestLog(3);
    log.record(request('POST odd', 1));
    log.clear();
    log.record(request('POST even', 2));

    expect(log.list().map((entry) => entry.path)).toEqual(['/things/2']);
    expect(log.countsByOperation()).toEqual({ 'POST even': 1 });
  });
});
