/**
 * Imported first by the package's entry points (harness/index.ts, harness/vitest/index.ts):
 * on an unsupported Node.js, one line naming the found and required versions and exit
 * status 2, before any dependency can fail in an obscure way (undici on Node 20:
 * `Cannot read properties of undefined (reading 'bind')`).
 */
import { exitUnlessSupportedNode } from './node-support.ts';

exitUnlessSupportedNode();
