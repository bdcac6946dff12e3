/**
 * HELO (RFC 5321 §4.1.1.1): plain SMTP, no service extensions.
 */
import { formatReply } from '../../harness/wire/reply.ts';
import type { VerbHandler } from './handler.ts';

/** HELO: allowed at any time; like RSET it ends any transaction (RFC 5321 §4.1.4). */
export const helo: VerbHandler<'HELO'> = {
  async handle(s, command) {
    s.resetTransaction();
    s.helo = { verb: 'HELO', name: command.domain };
    // RFC 2034 §3: the HELO/EHLO success reply carries no enhanced status code.
    s.sendRaw(formatReply(250, `${s.deps.config.hostname} Hello ${command.domain}`));
  },
};
