import { randomBytes } from 'node:crypto';

/**
 * The personal-data master key of this test process's hubs on PostgreSQL: generated once per test
 * file, so a worker the test spawns against the same schema can be given the same key.
 */
export const TEST_PERSONAL_DATA_KEY = randomBytes(32).toString('base64');
