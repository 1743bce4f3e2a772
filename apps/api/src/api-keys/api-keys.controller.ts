import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiKeyStore, apiKeyPrincipalId, type Principal } from '@koppelhub/application';
import { ActingPrincipal } from '../auth/acting-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { idParam } from '../http/id-param.pipe';
import { NotReplayable } from '../http/not-replayable.decorator';
import { PageDto } from '../http/page.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

/** Machine users. Keys are stored hashed; the secret is in the creation answer only. */
@ApiTags('api-keys')
@Controller('api/api-keys')
@Roles('admin')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyStore) {}

  @Post()
  @NotReplayable()
  async create(@Body() dto: CreateApiKeyDto, @ActingPrincipal() principal: Principal) {
    const { apiKey, key } = await this.keys.create(dto.name, dto.roles, principal.id);
    return { ...apiKey, principal: apiKeyPrincipalId(apiKey.name), key };
  }

  @Get()
  async list(@Query() { page, pageSize }: PageDto) {
    const { items, total } = await this.keys.page(page, pageSize);
    return { items: items.map((key) => ({ ...key, principal: apiKeyPrincipalId(key.name) })), total, page, pageSize };
  }

  @Delete(':id')
  revoke(@Param('id', idParam) id: string, @ActingPrincipal() principal: Principal) {
    return this.keys.revoke(id, principal.id);
  }
}
