// Why this test? `--port` defaults to the image's one exposed port (issue 17: the
// reference image EXPOSEs 2525 while the default was 25); anything else keeps 25.
import { describe, expect, it } from 'vitest';
import { portFromExposed } from './container-spec.ts';

describe('the port of an image without --port', () => {
  it.each([
    [['2525/tcp'], 2525],
    [['25/tcp', '53/udp'], 25],
    [['587'], 587],
    [['25/tcp', '587/tcp'], undefined],
    [[], undefined],
    [['53/udp'], undefined],
    [['99999/tcp'], undefined],
  ])('%j: %s', (exposed, port) => {
    expect(portFromExposed(exposed)).toBe(port);
  });
});
