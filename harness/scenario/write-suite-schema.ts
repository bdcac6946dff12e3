/**
 * `npm run schema`: writes schema/suite.schema.json from suite-schema.ts, the one place
 * the suite file format is declared. suite-schema.test.ts fails while the file is stale.
 */
import { writeFile } from 'node:fs/promises';
import { suiteSchemaText } from './suite-schema.ts';

/** Where the published schema lives (package.json `files` and `exports`). */
export const SUITE_SCHEMA_FILE = new URL('../../schema/suite.schema.json', import.meta.url);

if (import.meta.main) {
  await writeFile(SUITE_SCHEMA_FILE, suiteSchemaText());
  process.stdout.write(`wrote ${SUITE_SCHEMA_FILE.pathname}\n`);
}
