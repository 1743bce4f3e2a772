import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ReplayedResponse } from './idempotency.interceptor';
import { toProblem } from './problem';

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof ReplayedResponse) {
      const { status, body, eventPosition } = error.stored;
      response.setHeader('Idempotent-Replayed', 'true');
      // Answers stored before positions were kept have none; the retry then reads without waiting.
      if (eventPosition !== undefined) response.setHeader('X-Event-Position', String(eventPosition));
      response.status(status);
      if (status >= 400) response.type('application/problem+json');
      response.json(body);
      return;
    }
    const body = toProblem(error);
    // A download that failed midway has sent its status already: it is cut off instead, so the
    // client sees a failed transfer rather than a problem document appended to half a file. Its
    // client learns nothing more, so the failure is logged whatever its status.
    const cutOff = response.headersSent;
    // Only such failures and unexpected ones are logged, by message and stack: request bodies may hold personal data.
    if (body.status === 500 || cutOff) this.logger.error((error as Error)?.stack ?? String(error));
    // A read model behind, or an audit read waiting on an append (the 503s), is the hub's state, not
    // a fault: their messages name no data.
    else if (body.status === 503) this.logger.warn((error as Error).message);
    if (cutOff) {
      if (!response.writableEnded) response.destroy();
      return;
    }
    // A download that failed before its first byte is no download any more.
    response.removeHeader('Content-Disposition');
    if (body.status === 503) response.setHeader('Retry-After', '1');
    response.status(body.status).type('application/problem+json').json(body);
  }
}
