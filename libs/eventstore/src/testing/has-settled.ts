/** Whether a promise has settled, either way, after `waitMs`: for asserting that something is still waiting. */
export async function hasSettled(promise: Promise<unknown>, waitMs = 50): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  return settled;
}
