/** Catches the error a promise rejects with, for assertions on its class and fields. */
export async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the push to fail, it succeeded');
}
