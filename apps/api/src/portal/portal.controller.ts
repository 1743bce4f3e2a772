import { Controller, Get, Param, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { GetClientPortalAccessQuery, ListPortalUsersQuery } from '@koppelhub/application';
import { READERS, Roles } from '../auth/roles.decorator';
import { clientIdParam } from '../clients/clients.controller';
import { ReadModelConsistencyInterceptor } from '../http/read-model-consistency.interceptor';

/** klantportaal: portal users (linked groups) and who sees which client; read models. */
@ApiTags('portal')
@Controller('api')
@UseInterceptors(ReadModelConsistencyInterceptor)
export class PortalController {
  constructor(private readonly queries: QueryBus) {}

  @Get('portal-users')
  @Roles(...READERS)
  list() {
    return this.queries.execute(new ListPortalUsersQuery());
  }

  @Get('clients/:id/portal-access')
  @Roles(...READERS)
  access(@Param('id', clientIdParam) id: string) {
    return this.queries.execute(new GetClientPortalAccessQuery(id));
  }
}
