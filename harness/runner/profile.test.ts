import { describe, expect, it } from 'vitest';
import { unmetPrecondition } from './case-runner.ts';
import {
  builtInServerConfig,
  checkProfileFlags,
  RCPT_PATTERN_COUNT,
  resolveProfile,
  serverDomainOf,
} from './profile.ts';

describe('target profile', () => {
  it('uses the reference MTA defaults for the built-in target', () => {
    const { values, notes } = resolveProfile({}, { builtIn: true, serverDomain: 'mx.test' });
    expect(values).toEqual({
      helo: 'client.smtpspec.test',
      from: 'sender@client.smtpspec.test',
      rcpt: 'alice@smtpspec.test',
      rcpt2: 'bob@smtpspec.test',
      rcptLocal: 'alice',
      rcptPattern: 'smtpspec-rcpt-{n}@smtpspec.test',
      domain: 'smtpspec.test',
      unknownRcpt: 'smtpspec-no-such-user@smtpspec.test',
      foreign: 'smtpspec-relay-probe@foreign.smtpspec.example',
      foreignDomain: 'foreign.smtpspec.example',
      mxDomain: 'smtpspec.test',
      serverDomain: 'mx.test',
      authUser: 'alice@smtpspec.test',
      authPass: 'smtpspec-reference-secret',
      // RFC 4616: base64 of NUL alice@smtpspec.test NUL smtpspec-reference-secret.
      authPlain: Buffer.from('\0alice@smtpspec.test\0smtpspec-reference-secret').toString('base64'),
      // Filled per relay-through case.
      relayToken: '',
      relayDomain: '',
    });
    expect(notes).toEqual([]);
  });

  it('has AUTH credentials only when both flags are given (or for the built-in target)', () => {
    const none = resolveProfile({}, { builtIn: false, serverDomain: 'mx' });
    expect(none.hasCredentials).toBe(false);
    expect(none.values.authPlain).toBe('');
    const given = resolveProfile(
      { authUser: 'u', authPass: 'p' },
      { builtIn: false, serverDomain: 'mx' },
    );
    expect(given.hasCredentials).toBe(true);
    expect(Buffer.from(given.values.authPlain, 'base64').toString()).toBe('\0u\0p');
  });

  it('defaults an external target to postmaster at its domain, and says so', () => {
    const { values, notes } = resolveProfile({}, { builtIn: false, serverDomain: 'mx.example' });
    expect(values.rcpt).toBe('postmaster@mx.example');
    expect(values.unknownRcpt).toBe('smtpspec-no-such-user@mx.example');
    expect(notes.join('\n')).toContain('no --rcpt given: using postmaster@mx.example');
  });

  it('takes flags over defaults', () => {
    const { values } = resolveProfile(
      { rcpt: 'u@d.test', rcpt2: 'v@d.test', helo: 'h.test', foreignDomain: 'f.test' },
      { builtIn: false, serverDomain: 'mx' },
    );
    expect(values).toMatchObject({
      rcpt: 'u@d.test',
      rcptLocal: 'u',
      domain: 'd.test',
      helo: 'h.test',
    });
    expect(values.foreign).toBe('smtpspec-relay-probe@f.test');
  });

  it('knows a recipient pattern for the bundled MTA only, whose config has its mailboxes', () => {
    const external = resolveProfile({}, { builtIn: false, serverDomain: 'mx' });
    expect(external.unavailable.rcptPattern).toContain(
      "give e.g. --rcpt-pattern 'user+{n}@domain'",
    );
    const given = resolveProfile(
      { rcptPattern: 'u+{n}@d.test' },
      { builtIn: false, serverDomain: 'mx' },
    );
    expect(given.values.rcptPattern).toBe('u+{n}@d.test');
    expect(given.unavailable.rcptPattern).toBeUndefined();
    const mailboxes = builtInServerConfig().mailboxes;
    expect(mailboxes).toContain('smtpspec-rcpt-1');
    expect(mailboxes).toContain(`smtpspec-rcpt-${RCPT_PATTERN_COUNT}`);
    expect(mailboxes).toHaveLength(3 + RCPT_PATTERN_COUNT);
  });

  it.each([
    [{ rcptPattern: 'user@example.test' }, "--rcpt-pattern: 'user@example.test' needs {n} once"],
    [{ rcptPattern: 'u{n}{n}@example.test' }, 'needs {n} once'],
    [{ rcptPattern: 'user@{n}.example.test' }, 'needs {n} once in the local part'],
    [
      { rcptPattern: 'us er{n}@example.test' },
      "--rcpt-pattern: 'us er101@example.test' is not a mailbox",
    ],
    [{ helo: 'bad host' }, '--helo'],
    [{ from: 'nobody' }, '--from'],
    [{ rcpt: 'a@' }, '--rcpt'],
    [{ rcpt2: '<a@b.test>' }, '--rcpt2'],
    [{ foreignDomain: '-x.test' }, '--foreign-domain'],
    [{ authUser: 'u' }, '--auth-user and --auth-pass go together'],
    [{ authUser: 'u', authPass: '' }, '--auth-pass'],
  ])('rejects bad flag %j', (flags, flag) => {
    expect(() => checkProfileFlags(flags)).toThrow(flag);
  });

  it('reads the server domain from the greeting', () => {
    expect(serverDomainOf('220 mx.example.test ESMTP ready', 'fb')).toBe('mx.example.test');
    expect(serverDomainOf('220 [10.0.0.1] hi', 'fb')).toBe('[10.0.0.1]');
    expect(serverDomainOf('220', 'fb')).toBe('fb');
    expect(serverDomainOf('220 !!! hi', 'fb')).toBe('fb');
  });

  it('uses the discovered recipient and its domain', () => {
    const { values, unavailable } = resolveProfile(
      {},
      {
        builtIn: false,
        serverDomain: 'mx.example.test',
        discovered: { mailbox: 'postmaster@example.test', domain: 'example.test' },
      },
    );
    expect(values.rcpt).toBe('postmaster@example.test');
    expect(values.domain).toBe('example.test');
    // Only distinct recipients beyond postmaster stay unknown, and whether an MX record
    // names the target (RFC 3207 §4), which only the user can say.
    expect(Object.keys(unavailable)).toEqual(['rcptPattern', 'mxDomain']);
    expect(unavailable.mxDomain).toContain('give --mx-domain');
  });

  it('takes --mx-domain as the domain whose MX the target is', () => {
    const { values, unavailable } = resolveProfile(
      { mxDomain: 'example.test' },
      { builtIn: false, serverDomain: 'mx.example.test' },
    );
    expect(values.mxDomain).toBe('example.test');
    expect(unavailable.mxDomain).toBeUndefined();
    expect(() => checkProfileFlags({ mxDomain: 'not a domain' })).toThrow(
      "--mx-domain: 'not a domain' is not a domain",
    );
  });

  it('marks {{domain}} unavailable when only the bare <Postmaster> was accepted', () => {
    const resolved = resolveProfile(
      {},
      {
        builtIn: false,
        serverDomain: 'mx.example.test',
        discovered: { mailbox: 'Postmaster', domain: undefined },
      },
    );
    expect(resolved.values.rcpt).toBe('Postmaster');
    expect(resolved.unavailable.domain).toContain('give --rcpt');
    // Its local part is known, but a case quoting it needs the domain too.
    expect(resolved.unavailable.rcptLocal).toBe(resolved.unavailable.domain);
    const scenario = {
      id: 'x/1/y',
      title: 't',
      spec: 'RFC 5321',
      section: '1',
      level: 'MUST' as const,
      requirements: [],
      steps: [{ kind: 'send' as const, line: 'RCPT TO:<postmaster@{{domain}}>' }],
    };
    expect(unmetPrecondition(scenario, new Set(), false, resolved.unavailable)).toMatch(
      /^precondition: the case uses \{\{domain\}\}: no mail domain/,
    );
    expect(
      unmetPrecondition(
        { ...scenario, steps: [{ kind: 'send', line: 'NOOP' }] },
        new Set(),
        false,
        resolved.unavailable,
      ),
    ).toBeUndefined();
  });
});
