/**
 * RCPT TO (RFC 5321 §4.1.1.3): adds a recipient after the relay policy (§3.6, §7.1).
 */
import { formatMailbox } from '../../harness/wire/command.ts';
import { applyDecision, runHook } from '../session/decisions.ts';
import { REPLIES } from '../session/replies.ts';
import type { VerbHandler } from './handler.ts';
import { hasNonAscii } from './mail.ts';
import { readRcptParams } from './rcpt-params.ts';

/** RCPT: needs MAIL; not after BDAT chunks began (RFC 5321 §4.1.4, RFC 3030 §2). */
export const rcpt: VerbHandler<'RCPT'> = {
  sequence(s) {
    if (s.state === 'bdat') return REPLIES.rcptAfterBdat;
    if (s.state !== 'mail' && s.state !== 'rcpt') return REPLIES.needMail;
    return undefined;
  },
  async handle(s, command) {
    const tx = s.transaction;
    if (tx === undefined) return s.reply(REPLIES.needMail);
    tx.rcptAttempts++;
    // RFC 5321 §4.5.3.1.8 (at least 100 buffered) and §4.5.3.1.10: "452 Too many recipients".
    if (tx.recipients.length >= s.deps.config.limits.maxRecipients)
      return s.reply(REPLIES.tooManyRecipients);
    const options = readRcptParams(command.params, {
      extended: s.helo?.verb === 'EHLO',
      smtputf8: tx.smtputf8,
    });
    if ('reply' in options) return s.reply(options.reply);
    // RFC 6531 §3.4: non-ASCII recipients only in an SMTPUTF8 transaction.
    if (!tx.smtputf8 && hasNonAscii(command.forwardPath)) return s.reply(REPLIES.needSmtputf8);
    const recipient = s.deps.classify(command.forwardPath, command.isPostmaster);
    const request = {
      forwardPath: command.forwardPath,
      isPostmaster: command.isPostmaster,
      recipient,
    };
    const decision = await runHook(s, 'onRcptTo', () => s.deps.hooks.onRcptTo(s.info(), request));
    if (!applyDecision(s, decision)) return;
    const mailbox = command.forwardPath.mailbox;
    const address = mailbox === null ? 'Postmaster' : formatMailbox(mailbox);
    // A mailbox named again, in any spelling, is acknowledged but delivered once: the copies
    // would cost disk and bandwidth for nothing (and multiply one message many times over).
    const key = s.deps.recipientKey(command.forwardPath, recipient);
    if (!tx.recipientKeys.has(key)) {
      tx.recipientKeys.add(key);
      tx.recipients.push({
        address,
        local: recipient.kind === 'local',
        ...(options.notify !== undefined ? { notify: options.notify } : {}),
        ...(options.orcpt !== undefined ? { orcpt: options.orcpt } : {}),
      });
    }
    s.state = 'rcpt';
    s.reply({ code: 250, enhanced: '2.1.5', text: 'Recipient OK' });
  },
};
