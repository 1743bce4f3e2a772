import { Controller, Get, Header, type OnModuleDestroy, Param, UseInterceptors } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { GetOrganogramModelQuery } from '@koppelhub/application';
import { closeSvgRenderer, type OrganogramModel, renderDot, renderMermaid, renderSvg } from '@koppelhub/organogram';
import { READERS, Roles } from '../auth/roles.decorator';
import { clientIdParam } from '../clients/clients.controller';
import { ReadModelConsistencyInterceptor } from '../http/read-model-consistency.interceptor';

/** The organogram of the client's cluster, drawn from the read models (SVG via Graphviz in a worker thread). */
@ApiTags('organogram')
@Controller('api/clients')
@UseInterceptors(ReadModelConsistencyInterceptor)
export class OrganogramController implements OnModuleDestroy {
  constructor(private readonly queries: QueryBus) {}

  /** The Graphviz worker thread is started on the first SVG; it must not outlive the application. */
  async onModuleDestroy(): Promise<void> {
    await closeSvgRenderer();
  }

  @Get(':id/organogram.svg')
  @Roles(...READERS)
  @ApiProduces('image/svg+xml')
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  async svg(@Param('id', clientIdParam) id: string): Promise<string> {
    return renderSvg(renderDot(await this.model(id)));
  }

  @Get(':id/organogram.mmd')
  @Roles(...READERS)
  @ApiProduces('text/plain')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  async mermaid(@Param('id', clientIdParam) id: string): Promise<string> {
    return renderMermaid(await this.model(id));
  }

  private async model(id: string): Promise<OrganogramModel> {
    // The application's OrganogramInput restates OrganogramModel; this assignment is the check that they agree.
    const model: OrganogramModel = await this.queries.execute(new GetOrganogramModelQuery(id));
    return model;
  }
}
