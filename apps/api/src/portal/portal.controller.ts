import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { GetClientPortalAccessQuery, ListPortalUsersQuery } from '@koppelhub/application';
import { READERS, Roles } from '../auth/roles.decorator';
import { clientIdParam } from '../clients/clients.controller';
import { PageDto } from '../http/page.dto';
import { ReadModelConsistencyInterceptor } from '../http/read-model-consistency.interceptor';

/** klantportaal: portal users (linked groups) and who sees which client; read models. */
@ApiTags('portal')
@Controller('api')
@UseInterceptors(ReadModelConsistencyInterceptor)
export class PortalController {
  constructor(private readonly queries: QueryBus) {}

  @Get('portal-users')
  @Roles(...READERS)
  list(@Query() { page, pageSize }: PageDto) {
    return this.queries.execute(new ListPortalUsersQuery(page, pageSize));
  }

  @Get('clients/:id/portal-access')
  @Roles(...READERS)
  access(@Param('id', clientIdParam) id: string) {
    return this.queries.execute(new GetClientPortalAccessQuery(id));
  }
}
