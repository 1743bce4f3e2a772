import { Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DATABASE, HUB_RUNTIME, type HubRuntime } from '@koppelhub/application';
import { clientStream, instantOf, isCalendarDate, maskBsnIn, startOfNextFirmDay } from '@koppelhub/domain';
import { type AuditFilter, AuditLog, ChainVerifier, type Database, type ExportFormat, exportHeader, exportLine } from '@koppelhub/eventstore';
import type { Response } from 'express';
import { READERS, Roles } from '../auth/roles.decorator';
import { PageDto } from '../http/page.dto';
import { streamToResponse } from '../http/stream-to-response';
import { AuditEventsDto, AuditExportDto, type AuditFilterDto } from './audit-query.dto';

const AUDITORS = ['auditor'] as const;

@ApiTags('audit')
@Controller('api/audit')
export class AuditController {
  private readonly verifier: ChainVerifier;
  private readonly log: AuditLog;

  constructor(@Inject(DATABASE) database: Database, @Inject(HUB_RUNTIME) runtime: HubRuntime) {
    this.verifier = new ChainVerifier(database.pool);
    // Rows are read as stored and their personal fields opened here ("erased" once erased).
    this.log = new AuditLog(database.pool, (events) => runtime.store.open(events));
  }

  /** The global history: filters for client, type, actor and time range; paged by position. */
  @Get('events')
  @Roles(...READERS)
  async events(@Query() query: AuditEventsDto) {
    const page = await this.log.page(filterOf(query), query.cursor ?? 0, query.pageSize);
    return {
      items: page.items.map((e) => ({
        position: e.position,
        stream: e.stream,
        version: e.streamVersion,
        type: e.type,
        time: e.recordedAt,
        actor: e.metadata.actor,
        metadata: e.metadata,
        data: e.data,
      })),
      total: page.total,
      ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}),
    };
  }

  /** Streamed as it is read, batch by batch: the export never sits in memory whole. */
  @Get('export')
  @Roles(...AUDITORS)
  async export(@Query() query: AuditExportDto, @Res() res: Response): Promise<void> {
    const format = query.format ?? 'ndjson';
    res.status(200).type(format === 'csv' ? 'text/csv' : 'application/x-ndjson');
    res.setHeader('Content-Disposition', `attachment; filename="koppelhub-events.${format}"`);
    await streamToResponse(res, this.exportLines(format, filterOf(query)));
  }

  private async *exportLines(format: ExportFormat, filter: AuditFilter): AsyncGenerator<string> {
    const events = this.log.stream(filter);
    try {
      // The first read comes before the header: a log that cannot be read is answered with a problem.
      const first = await events.next();
      const header = exportHeader(format);
      if (header) yield header;
      for (let next = first; !next.done; next = await events.next()) {
        // Streamed past the masking interceptor, so masked here: an export never holds a full BSN.
        yield exportLine(format, { ...next.value, data: maskBsnIn(next.value.data) });
      }
    } finally {
      await events.return(undefined);
    }
  }

  /** Checks every stream's hash chain and every anchor; names the first broken event exactly. */
  @Get('verify')
  @Roles(...AUDITORS)
  async verify() {
    const [chains, anchors] = await Promise.all([this.verifier.verify(), this.verifier.verifyAnchors()]);
    return { ok: chains.ok && anchors.every((a) => a.ok), chains, anchors };
  }

  /** Records an anchor over the log as it stands; export them for safekeeping outside the database. */
  @Post('anchors')
  @HttpCode(201)
  anchor() {
    return this.verifier.anchor();
  }

  @Get('anchors')
  @Roles(...AUDITORS)
  async anchors(@Query() { page, pageSize }: PageDto) {
    return { ...(await this.verifier.anchorPage(page, pageSize)), page, pageSize };
  }
}

function filterOf(query: AuditFilterDto) {
  return {
    ...(query.clientId ? { stream: clientStream(query.clientId) } : {}),
    ...(query.type ? { type: query.type } : {}),
    ...(query.actor ? { actor: query.actor } : {}),
    // A bare date or a time without offset is on the firm's clock; `to` a bare date takes in that day.
    ...(query.from ? { from: instantOf(query.from) } : {}),
    ...(query.to ? { to: isCalendarDate(query.to) ? startOfNextFirmDay(query.to) : instantOf(query.to) } : {}),
  };
}
