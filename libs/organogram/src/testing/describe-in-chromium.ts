import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from './chromium';

const present = existsSync(CHROMIUM_PATH);
/** CI sets it: there a browser check that does not run would prove nothing, so it fails instead. */
const required = process.env.CHROMIUM_REQUIRED === '1';

/**
 * A suite that looks at the organogram in a real browser: skipped, with a warning, on a machine
 * without Chromium (as the PostgreSQL suites are without a server), unless CHROMIUM_REQUIRED=1.
 */
export const describeInChromium: jest.Describe = present || required ? describe : describe.skip;
if (!present && !required && typeof describe === 'function') {
  // eslint-disable-next-line no-console
  console.warn(`${CHROMIUM_PATH} is missing: the organogram's browser suites are skipped (apt-get install chromium to run them)`);
}
