/** Base of every failure an adapter throws: carries the package's own message so operators see what the package said. */
export abstract class PushError extends Error {
  /** Whether the hub should try the same push again later. */
  abstract readonly retryable: boolean;

  protected constructor(
    /** The package's own message (or ours when the package said nothing usable). */
    readonly packageMessage: string,
    /** HTTP status of the answer, when there was one. */
    readonly httpStatus?: number,
  ) {
    super(packageMessage);
  }
}
