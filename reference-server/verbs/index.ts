/**
 * The dispatch table: one handler per verb (style convention 11).
 */
import { ConfigError } from '../../harness/errors.ts';
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

/**
 * The dispatch table of one server: {@link VERB_HANDLERS} with `overrides` in place of the
 * default handlers of their verbs. A test and extension seam (`startReferenceServer({ verbs })`):
 * still one handler per verb, only which handler is chosen per server instance;
 * `fixtures/test-mta/` plants defects with it. An `undefined` entry keeps the default;
 * a key that is not a verb of the table, or a value without `handle`, is a `ConfigError`.
 */
export function verbTable(overrides: Partial<VerbTable> = {}): VerbTable {
  const table: Record<string, unknown> = { ...VERB_HANDLERS };
  for (const [verb, handler] of Object.entries(overrides)) {
    if (!Object.hasOwn(VERB_HANDLERS, verb))
      throw new ConfigError('not a verb of the dispatch table', `verbs.${verb}`);
    if (handler === undefined) continue;
    if (typeof (handler as { handle?: unknown }).handle !== 'function')
      throw new ConfigError('expected a verb handler with a handle() method', `verbs.${verb}`);
    table[verb] = handler;
  }
  return table as VerbTable;
}
