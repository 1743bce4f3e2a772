import type { Principal } from '@koppelhub/application';
import type { Request } from 'express';

export interface HubRequest extends Request {
  /** Set by the authentication guard on every route but the public ones. */
  principal?: Principal;
  /** The principal's id: what the events of this request record as their actor. */
  actor?: string;
}
