import { type ArgumentsHost, Logger } from '@nestjs/common';
import { LogNotSettled } from '@koppelhub/eventstore';
import { ProblemDetailsFilter } from './problem-details.filter';

/** Just enough of an Express response to see what the filter does with it. */
function response(headersSent: boolean) {
  const res = { headersSent, writableEnded: false, destroy: jest.fn(), status: jest.fn(), type: jest.fn(), json: jest.fn(), removeHeader: jest.fn(), setHeader: jest.fn() };
  res.status.mockReturnValue(res);
  res.type.mockReturnValue(res);
  return res;
}
const hostOf = (res: ReturnType<typeof response>) => ({ switchToHttp: () => ({ getResponse: () => res }) }) as unknown as ArgumentsHost;

describe('ProblemDetailsFilter', () => {
  const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  afterAll(() => logged.mockRestore());

  it('given an error before anything was sent, then it answers a problem document', () => {
    const res = response(false);
    new ProblemDetailsFilter().catch(new Error('boom'), hostOf(res));

    expect(res.status).toHaveBeenCalledWith(500);
    expect(res.type).toHaveBeenCalledWith('application/problem+json');
    expect(res.removeHeader).toHaveBeenCalledWith('Content-Disposition');
    expect(res.destroy).not.toHaveBeenCalled();
  });

  it('given an audit read that waited too long on an append in flight, then it answers 503 with Retry-After and the rule', () => {
    const res = response(false);
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);

    new ProblemDetailsFilter().catch(new LogNotSettled(5_000), hostOf(res));

    expect(res.status).toHaveBeenCalledWith(503);
    expect(res.setHeader).toHaveBeenCalledWith('Retry-After', '1');
    expect(res.json).toHaveBeenCalledWith(expect.objectContaining({ status: 503, code: 'audit.log-settling' }));
    warned.mockRestore();
  });

  it('given an error after a download has started, then it cuts the response off instead of appending a problem', () => {
    const res = response(true);
    new ProblemDetailsFilter().catch(new Error('boom'), hostOf(res));

    expect(res.destroy).toHaveBeenCalled();
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('boom'));
    expect(res.status).not.toHaveBeenCalled();
    expect(res.json).not.toHaveBeenCalled();
  });
});
