import { DomainError } from '@koppelhub/domain';

export class ApiKeyNameTaken extends DomainError {
  constructor(name: string) {
    super('api-key.name-taken', 'conflict', `an active API key is already named ${name}`, { name });
  }
}

export class ApiKeyNotFound extends DomainError {
  constructor(id: string) {
    super('api-key.not-found', 'not-found', `there is no active API key ${id}`, { id });
  }
}
