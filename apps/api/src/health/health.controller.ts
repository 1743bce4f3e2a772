import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HUB_RUNTIME, type HubRuntime } from '@koppelhub/application';
import { Public } from '../auth/roles.decorator';

@ApiTags('operations')
@Controller('health')
@Public()
export class HealthController {
  constructor(@Inject(HUB_RUNTIME) private readonly runtime: HubRuntime) {}

  /**
   * Up when the database answers; read-model lag is reported, not judged. A read model whose last
   * batch failed says so, without the error's text: this route answers anyone, and a driver's
   * message can name hosts, tables or a value it quotes (the database logs the error itself).
   */
  @Get()
  async health() {
    const [head, projections] = await Promise.all([this.runtime.store.headPosition(), this.runtime.lag()]);
    return {
      status: 'ok',
      mode: this.runtime.database.mode,
      eventStore: { headPosition: head },
      projections: projections.map((lag) => ({
        subscription: lag.subscriptionId,
        position: lag.checkpoint.position,
        behind: lag.behind,
        ...(lag.lastError ? { failing: true } : {}),
      })),
    };
  }
}
