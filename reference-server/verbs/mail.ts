/**
 * MAIL FROM (RFC 5321 §4.1.1.2): opens a mail transaction.
 */
import type { Path } from '../../harness/wire/command.ts';
import { randomHex } from '../random-id.ts';
import { inTransaction } from '../session/context.ts';
import { applyDecision, runHook } from '../session/decisions.ts';
import { REPLIES } from '../session/replies.ts';
import type { VerbHandler } from './handler.ts';
import { readMailParams } from './mail-params.ts';

/** True when the path holds a non-ASCII character (RFC 6531 §3.3 UTF-8 address). */
export function hasNonAscii(path: Path): boolean {
  return /[^\x00-\x7f]/.test(path.raw);
}

/** MAIL: needs HELO/EHLO and no open transaction (RFC 5321 §4.1.4, §4.3.2 "503"). */
export const mail: VerbHandler<'MAIL'> = {
  sequence(s) {
    if (s.helo === undefined) return REPLIES.needHelo;
    if (inTransaction(s)) return REPLIES.nestedMail;
    return undefined;
  },
  async handle(s, command) {
    const { config } = s.deps;
    const options = readMailParams(command.params, {
      extended: s.helo?.verb === 'EHLO',
      authOffered: s.tls,
      maxMessageSize: config.limits.maxMessageSize,
    });
    if ('reply' in options) return s.reply(options.reply);
    // RFC 6531 §3.4: a non-ASCII reverse-path needs the SMTPUTF8 parameter.
    if (!options.smtputf8 && hasNonAscii(command.reversePath)) return s.reply(REPLIES.needSmtputf8);
    const decision = await runHook(s, 'onMailFrom', () =>
      s.deps.hooks.onMailFrom(s.info(), command.reversePath),
    );
    if (!applyDecision(s, decision)) return;
    s.transaction = {
      id: randomHex(8).toUpperCase(),
      reversePath: command.reversePath,
      ...options,
      recipients: [],
      recipientKeys: new Set(),
      rcptAttempts: 0,
      usesBdat: false,
      receipt: undefined,
    };
    s.state = 'mail';
    s.reply({ code: 250, enhanced: '2.1.0', text: 'Sender OK' });
  },
};
