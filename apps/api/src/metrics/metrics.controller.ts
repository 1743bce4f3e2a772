import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Registry } from 'prom-client';
import { Roles } from '../auth/roles.decorator';
import { METRICS_REGISTRY } from './metrics-registry';

/**
 * Prometheus scrape target. Behind the guards like every route: the counts say how busy the firm
 * is with which package, which is not for anyone on the network. Scrape with a `connector` key.
 */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  @Roles('connector')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'metrics in the Prometheus text exposition format' })
  async metrics(@Res({ passthrough: true }) res: Response): Promise<string> {
    res.setHeader('content-type', this.registry.contentType);
    return this.registry.metrics();
  }
}
