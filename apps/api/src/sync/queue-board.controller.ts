import { All, Controller, Next, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Express, NextFunction, Request, Response } from 'express';
import { QUEUE_BOARD_PATH, queueBoard } from './queue-board';
import { SyncGateway } from './sync-gateway';

/**
 * The bull-board dashboard of the sync queues. A route like any other, so the same guards resolve
 * the principal (X-API-Key or bearer token) and, with no @Roles, let admins only in. Its answers
 * are bull-board's, written to the response directly: an Idempotency-Key does not replay them.
 */
@ApiExcludeController()
@Controller('admin')
export class QueueBoardController {
  private board?: Express;

  constructor(private readonly sync: SyncGateway) {}

  // The dashboard itself and everything below it (its API and static files).
  @All('queues{/*path}')
  serve(@Req() request: Request, @Res() response: Response, @Next() next: NextFunction): void {
    this.board ??= queueBoard(this.sync.queues.all());
    // The board's routes are relative to where it is mounted.
    request.url = request.url.slice(QUEUE_BOARD_PATH.length) || '/';
    this.board(request, response, next);
  }
}
