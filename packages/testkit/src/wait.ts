/**
 * Waiting on a condition instead of for a time: a test that sleeps a fixed while passes on an idle machine and fails
 * on a loaded one. The deadline is only there to end a test whose condition never comes, so it is generous.
 */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 60_000,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
