/**
 * SEND, SOML, SAML and TURN: RFC 821 commands that RFC 5321 dropped (Appendix F.3-F.6).
 * We answer 502 and never act on them; in particular TURN never reverses roles (the
 * reason RFC 5321 removed it, F.1: no authentication of the new server).
 */
import type { Verb } from '../../harness/wire/command.ts';
import { REPLIES } from '../session/replies.ts';
import type { VerbHandler } from './handler.ts';

function notImplemented<V extends Verb>(): VerbHandler<V> {
  return {
    unavailable: () => REPLIES.notImplemented,
    async handle(s) {
      s.reply(REPLIES.notImplemented);
    },
  };
}

export const send = notImplemented<'SEND'>();
export const soml = notImplemented<'SOML'>();
export const saml = notImplemented<'SAML'>();
export const turn = notImplemented<'TURN'>();
