// Why this test? formatCommand and parseCommand are two halves of one codec used by
// different programs (client/fuzzer vs reference server); generated commands in every
// grammar corner must survive format -> parse unchanged, with no leniency needed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Mailbox, Path } from './address.ts';
import { type Command, formatCommand, parseCommand, VERBS } from './command.ts';
import { formatPath, isPostmasterLocalPart } from './mailbox-format.ts';

const chars = (text: string) => fc.constantFrom(...text.split(''));
const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGIT = '0123456789';
const letDig = chars(ALPHA + DIGIT);
const atextChar = chars(`${ALPHA}${DIGIT}!#$%&'*+-/=?^_\`{|}~`);

const atom = (utf8: boolean) =>
  fc.string({
    unit: utf8 ? fc.oneof(atextChar, chars('éßøü中')) : atextChar,
    minLength: 1,
    maxLength: 6,
  });
const dotString = (utf8: boolean) =>
  fc.array(atom(utf8), { minLength: 1, maxLength: 3 }).map((atoms) => atoms.join('.'));

// RFC 5321 §4.1.2: qtextSMTP = %d32-33 / %d35-91 / %d93-126; quoted-pairSMTP = "\" %d32-126.
const qtext = fc
  .integer({ min: 32, max: 126 })
  .filter((c) => c !== 34 && c !== 92)
  .map((c) => String.fromCharCode(c));
const quotedPair = fc.integer({ min: 32, max: 126 }).map((c) => `\\${String.fromCharCode(c)}`);
const quotedString = fc
  .array(fc.oneof(qtext, quotedPair), { maxLength: 8 })
  .map((p) => `"${p.join('')}"`);
const localPart = (utf8: boolean) =>
  fc.oneof(dotString(utf8), quotedString, fc.constantFrom('postmaster', 'PostMaster'));

// RFC 5321 §4.1.2: sub-domain = Let-dig [Ldh-str]; Ldh-str = *( ALPHA / DIGIT / "-" ) Let-dig.
const subDomain = fc
  .tuple(
    letDig,
    fc.option(
      fc.tuple(fc.string({ unit: fc.oneof(letDig, fc.constant('-')), maxLength: 5 }), letDig),
    ),
  )
  .map(([first, rest]) => (rest === null ? first : `${first}${rest[0]}${rest[1]}`));
const domain = fc
  .array(subDomain, { minLength: 1, maxLength: 4 })
  .map((labels) => labels.join('.'));

const snum = fc.integer({ min: 0, max: 255 }).map(String);
const ipv4 = fc.array(snum, { minLength: 4, maxLength: 4 }).map((parts) => parts.join('.'));
const hex = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
/** Any §4.1.3 IPv6 form: full or compressed, with or without an embedded IPv4 address. */
const ipv6 = fc
  .record({
    withV4: fc.boolean(),
    groups: fc.array(hex, { minLength: 8, maxLength: 8 }),
    cut: fc.nat(8),
    len: fc.nat(8),
  })
  .chain(({ withV4, groups, cut, len }) => {
    const n = withV4 ? 6 : 8;
    const gs = groups.slice(0, n);
    const tailOf = (v4: string) => (withV4 ? v4 : '');
    return ipv4.map((v4) => {
      const start = Math.min(cut, n);
      const length = Math.min(len, n - start);
      if (length < 2) return withV4 ? `${gs.join(':')}:${v4}` : gs.join(':');
      const left = gs.slice(0, start).join(':');
      const right = gs.slice(start + length).join(':');
      const sep = withV4 && right !== '' ? ':' : '';
      return `${left}::${right}${sep}${tailOf(v4)}`;
    });
  });
const dcontent = fc
  .integer({ min: 33, max: 126 })
  .filter((c) => c !== 91 && c !== 92 && c !== 93)
  .map((c) => String.fromCharCode(c));
const generalLiteral = fc
  .tuple(
    subDomain.filter((t) => t.toLowerCase() !== 'ipv6'),
    fc.string({ unit: dcontent, minLength: 1, maxLength: 8 }),
  )
  .map(([tag, content]) => `[${tag}:${content}]`);
const addressLiteral = fc.oneof(
  ipv4.map((a) => `[${a}]`),
  ipv6.map((a) => `[IPv6:${a}]`),
  generalLiteral,
);

const mailbox = (utf8: boolean): fc.Arbitrary<Mailbox> =>
  fc.oneof(
    fc.record({ localPart: localPart(utf8), domain, isAddressLiteral: fc.constant(false) }),
    fc.record({
      localPart: localPart(utf8),
      domain: addressLiteral,
      isAddressLiteral: fc.constant(true),
    }),
  );
const path = (utf8: boolean, allowNull: boolean): fc.Arbitrary<Path> =>
  fc
    .record({
      mailbox: allowNull ? fc.option(mailbox(utf8)) : mailbox(utf8),
      sourceRoute: fc.array(domain, { maxLength: 2 }),
    })
    .map(({ mailbox, sourceRoute }) => {
      const p = { mailbox, sourceRoute: mailbox === null ? [] : sourceRoute, raw: '' };
      return { ...p, raw: formatPath(p) };
    });

const params = fc.array(
  fc.record({
    keyword: fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{0,6}$/),
    value: fc.option(fc.stringMatching(/^[!-<>-~]{1,8}$/), { nil: undefined }),
  }),
  { maxLength: 3 },
);
const smtpString = fc.oneof(atom(false), quotedString);
const printable = fc.stringMatching(/^[!-~]([ -~]{0,10}[!-~])?$/);
const base64 = fc.uint8Array({ maxLength: 12 }).map((b) => Buffer.from(b).toString('base64'));

function commandArb(utf8: boolean): fc.Arbitrary<Command> {
  return fc.oneof(
    fc.record({ verb: fc.constant('HELO' as const), domain, isAddressLiteral: fc.constant(false) }),
    fc.record({ verb: fc.constant('EHLO' as const), domain, isAddressLiteral: fc.constant(false) }),
    fc.record({
      verb: fc.constant('EHLO' as const),
      domain: addressLiteral,
      isAddressLiteral: fc.constant(true),
    }),
    fc.record({ verb: fc.constant('MAIL' as const), reversePath: path(utf8, true), params }),
    fc
      .record({ verb: fc.constant('RCPT' as const), forwardPath: path(utf8, false), params })
      .map((c) => ({
        ...c,
        isPostmaster: isPostmasterLocalPart(c.forwardPath.mailbox?.localPart ?? ''),
      })),
    params.map((ps) => ({
      verb: 'RCPT' as const,
      forwardPath: { mailbox: null, sourceRoute: [], raw: '<Postmaster>' },
      isPostmaster: true,
      params: ps,
    })),
    fc.record({
      verb: fc.constantFrom('DATA' as const, 'RSET' as const, 'QUIT' as const, 'STARTTLS' as const),
    }),
    fc.record({ verb: fc.constantFrom('VRFY' as const, 'EXPN' as const), argument: smtpString }),
    fc.record({
      verb: fc.constantFrom('HELP' as const, 'NOOP' as const),
      argument: fc.option(smtpString, { nil: undefined }),
    }),
    fc.record({
      verb: fc.constant('AUTH' as const),
      mechanism: fc.stringMatching(/^[A-Z0-9_-]{1,20}$/),
      initialResponse: fc.option(base64, { nil: undefined }),
    }),
    fc.record({ verb: fc.constant('BDAT' as const), chunkSize: fc.nat(), isLast: fc.boolean() }),
    fc.record({
      verb: fc.constantFrom('SEND' as const, 'SOML' as const, 'SAML' as const, 'TURN' as const),
      argument: fc.option(printable, { nil: undefined }),
    }),
    fc.record({
      verb: fc.constant('UNKNOWN' as const),
      word: fc
        .stringMatching(/^[A-Za-z0-9]{1,10}$/)
        .filter((w) => !(VERBS as string[]).includes(w.toUpperCase())),
      argument: fc.option(fc.stringMatching(/^[ -~]{0,12}$/), { nil: undefined }),
    }),
  );
}

describe('formatCommand -> parseCommand round trip', () => {
  it.each([false, true])('is the identity (smtputf8: %s)', (smtputf8) => {
    fc.assert(
      fc.property(commandArb(smtputf8), (command) => {
        const line = Buffer.from(formatCommand(command), 'utf8');
        fc.pre(line.length <= 510);
        expect(parseCommand(line, { smtputf8 })).toEqual({ ok: true, command, leniencies: [] });
      }),
      { numRuns: 1500 },
    );
  });

  // Mutating valid lines reaches the error paths deep in the grammar, not just UNKNOWN.
  it('never throws on mutated lines and always answers with a one-line typed result', () => {
    const edit = fc.record({
      at: fc.nat(),
      byte: fc.integer({ min: 0, max: 255 }),
      remove: fc.boolean(),
    });
    fc.assert(
      fc.property(
        commandArb(false),
        fc.array(edit, { maxLength: 4 }),
        fc.boolean(),
        (command, edits, smtputf8) => {
          let bytes = Buffer.from(formatCommand(command), 'utf8');
          for (const { at, byte, remove } of edits) {
            const i = at % (bytes.length + 1);
            const insert = remove ? Buffer.alloc(0) : Buffer.from([byte]);
            bytes = Buffer.concat([
              bytes.subarray(0, i),
              insert,
              bytes.subarray(i + (remove ? 1 : 0)),
            ]);
          }
          const result = parseCommand(bytes, { smtputf8 });
          if (result.ok) return;
          expect([500, 501, 553]).toContain(result.error.suggestedReply);
          expect(result.error.message).not.toMatch(/[\r\n]/);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
