/**
 * The dispatch table: one handler per verb (style convention 11).
 */
import { auth } from './auth.ts';
import { bdat } from './bdat.ts';
import { data } from './data.ts';
import { ehlo } from './ehlo.ts';
import { expn } from './expn.ts';
import type { VerbTable } from './handler.ts';
import { helo } from './helo.ts';
import { help } from './help.ts';
import { mail } from './mail.ts';
import { noop } from './noop.ts';
import { saml, send, soml, turn } from './obsolete.ts';
import { quit } from './quit.ts';
import { rcpt } from './rcpt.ts';
import { rset } from './rset.ts';
import { starttls } from './starttls.ts';
import { vrfy } from './vrfy.ts';

/** Handlers by verb; the session looks the verb up here and nowhere else. */
export const VERB_HANDLERS: VerbTable = {
  HELO: helo,
  EHLO: ehlo,
  MAIL: mail,
  RCPT: rcpt,
  DATA: data,
  RSET: rset,
  VRFY: vrfy,
  EXPN: expn,
  HELP: help,
  NOOP: noop,
  QUIT: quit,
  STARTTLS: starttls,
  AUTH: auth,
  BDAT: bdat,
  SEND: send,
  SOML: soml,
  SAML: saml,
  TURN: turn,
};
