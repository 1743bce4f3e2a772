import type { SandboxReply, SandboxRequest } from './sandbox-http';

/**
 * A package's way of taking several requests in one exchange (a JSON batch, an OData $batch).
 * The sandbox server answers each request of a batch with the package's ordinary handler, one
 * after the other, each logged and faulted as if it had come alone.
 */
export interface BatchFormat {
  /** Where batches are POSTed. */
  path: string;
  /** The batch's requests, or a reply refusing the batch as a whole (unreadable, unauthorised). */
  open(batch: SandboxRequest): SandboxRequest[] | SandboxReply;
  /** The batch's answer from its requests' replies, in order. */
  close(replies: SandboxReply[], requests: SandboxRequest[]): SandboxReply;
}

/** A path as the server decodes a request line's; one that does not decode is left as sent (and found nowhere). */
export function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
