// Why these tests? They check, on a real loopback socket, that what the runner knows of
// SMTPUTF8 (EHLO keyword, MAIL parameter) reaches the observer of RFC 6531 §3.7.4: UTF-8
// in a 551 after MAIL ... SMTPUTF8 is permitted (§3.7.4.1), UTF-8 echoed in a 550 is not.
// The case itself judges only its codes; the violation is the observer's, reported under
// its own requirement (rfc6531/3.7.4.2/replies-ascii-where-required), never the case's.
import { afterEach, describe, expect, it } from 'vitest';
import {
  type RunningScriptedServer,
  standardReply,
  startScriptedServer,
} from '../client/testing/scripted-server.ts';
import { type CaseEnvironment, runCase } from '../runner/case-runner.ts';
import { resolveProfile } from '../runner/profile.ts';
import type { Scenario, Step } from '../scenario/types.ts';

let server: RunningScriptedServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** A server announcing SMTPUTF8 that answers every RCPT with `rcptReply`. */
async function serve(rcptReply: string): Promise<RunningScriptedServer> {
  server = await startScriptedServer({
    onLine: (line) => {
      if (/^EHLO /i.test(line)) {
        return { send: '250-scripted.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n' };
      }
      if (/^RCPT /i.test(line)) return { send: rcptReply };
      return standardReply(line);
    },
  });
  return server;
}

function env(s: RunningScriptedServer): CaseEnvironment {
  return {
    target: s.address,
    address: `127.0.0.1:${s.address.port}`,
    tls: 'none',
    values: resolveProfile({}, { builtIn: true, serverDomain: 'scripted.test' }).values,
    probeKeywords: new Set(['SMTPUTF8']),
    stepTimeoutMs: 1000,
    caseTimeoutMs: 10_000,
  };
}

function scenario(mail: string): Scenario {
  const steps: Step[] = [
    { kind: 'ehlo' },
    { kind: 'send', line: mail, expect: { role: 'setup' } },
    {
      kind: 'sendRaw',
      bytes: 'RCPT TO:<m\xc3\xbcller@{{domain}}>\r\n',
      note: 'RCPT TO:<mueller@domain> in UTF-8',
      expect: { codes: [250, 251, 550, 551, 553] },
    },
  ];
  return {
    id: 'test/1/case',
    title: 'a case',
    spec: 'RFC 6531',
    section: '3.2',
    level: 'MUST',
    requirements: [],
    steps,
  };
}

function utf8Violations(out: Awaited<ReturnType<typeof runCase>>): string[] {
  return (out.observations?.get('smtputf8-reply-text')?.violations ?? []).map((v) => v.message);
}

const UTF8_551 = '551 5.1.6 User not local; please try <m\xc3\xbcller@elsewhere.test>\r\n';
const UTF8_550 = '550 5.1.1 <m\xc3\xbcller@scripted.test>: Recipient address rejected\r\n';

describe('UTF-8 reply text in a case (RFC 6531 §3.7.4)', () => {
  it('passes a UTF-8 551 after MAIL ... SMTPUTF8', async () => {
    const out = await runCase(
      scenario('MAIL FROM:<{{from}}> SMTPUTF8'),
      env(await serve(UTF8_551)),
    );
    expect(out.verdict).toBe('pass');
    expect(utf8Violations(out)).toEqual([]);
  });

  it('reports the same 551 after a MAIL without the parameter to the observer (§3.7.4.1)', async () => {
    const out = await runCase(scenario('MAIL FROM:<{{from}}>'), env(await serve(UTF8_551)));
    expect(out.verdict).toBe('pass');
    expect(utf8Violations(out)[0]).toContain('RFC 6531 §3.7.4');
  });

  it('reports UTF-8 echoed in a 550 even after MAIL ... SMTPUTF8 to the observer', async () => {
    const out = await runCase(
      scenario('MAIL FROM:<{{from}}> SMTPUTF8'),
      env(await serve(UTF8_550)),
    );
    expect(out.verdict).toBe('pass');
    expect(utf8Violations(out)[0]).toContain(
      'SMTPUTF8 servers MUST NOT put non-ASCII in this reply',
    );
  });
});
