/**
 * AUTH (RFC 4954): PLAIN and LOGIN, offered and accepted only under TLS (§4, §14).
 */
import { formatReply } from '../../harness/wire/reply.ts';
import {
  type Credentials,
  checkCredentials,
  decodeResponse,
  isSaslMechanism,
  parsePlain,
} from '../auth/sasl.ts';
import { inTransaction, type SessionContext } from '../session/context.ts';
import { REPLIES, type ReplySpec } from '../session/replies.ts';
import type { VerbHandler } from './handler.ts';

// RFC 4954 §6: 535 5.7.8 Authentication credentials invalid.
const INVALID: ReplySpec = {
  code: 535,
  enhanced: '5.7.8',
  text: 'Authentication credentials invalid',
};

/** A step of the exchange: decoded octets, a reply that ends the AUTH, or the session ended. */
type Step = Buffer | ReplySpec | 'closed';

/** Sends a 334 challenge and reads the client's response line (RFC 4954 §4). */
async function challenge(s: SessionContext, base64: string): Promise<Step> {
  // RFC 4954 §4: "334" SP base64 challenge; an empty challenge is "334 ".
  s.sendRaw(formatReply(334, base64));
  const { limits, hostname } = s.deps.config;
  const line = await s.input.readLine(s.authFramer, limits.commandTimeoutMs);
  if (line === 'timeout') {
    s.closeWith({
      code: 421,
      enhanced: '4.4.2',
      text: `${hostname} Timeout waiting for AUTH response`,
    });
    return 'closed';
  }
  if (line === 'eof' || line === 'interrupted') return 'closed';
  // RFC 4954 §4: a line longer than our buffer fails AUTH with 500 (enhanced 5.5.6).
  if (line.kind === 'too-long')
    return { code: 500, enhanced: '5.5.6', text: 'Authentication exchange line is too long' };
  return decodeStep(line.bytes.toString('latin1'));
}

/** RFC 4954 §4: "*" cancels with 501; a response that is not base64 gets 501. */
function decodeStep(text: string): Step {
  if (text === '*') return { code: 501, enhanced: '5.0.0', text: 'Authentication cancelled' };
  return (
    decodeResponse(text) ?? { code: 501, enhanced: '5.5.2', text: 'Cannot decode base64 response' }
  );
}

/** Decodes an initial response given on the AUTH line (`''` is the "=" empty response). */
function initial(response: string): Step {
  return (
    decodeResponse(response) ?? {
      code: 501,
      enhanced: '5.5.2',
      text: 'Cannot decode base64 response',
    }
  );
}

async function plain(
  s: SessionContext,
  initialResponse: string | undefined,
): Promise<Credentials | ReplySpec | 'closed'> {
  const step = initialResponse !== undefined ? initial(initialResponse) : await challenge(s, '');
  if (!Buffer.isBuffer(step)) return step;
  return parsePlain(step) ?? INVALID;
}

async function login(
  s: SessionContext,
  initialResponse: string | undefined,
): Promise<Credentials | ReplySpec | 'closed'> {
  // draft-murchison-sasl-login: challenges "Username:" and "Password:" in base64.
  const user =
    initialResponse !== undefined ? initial(initialResponse) : await challenge(s, 'VXNlcm5hbWU6');
  if (!Buffer.isBuffer(user)) return user;
  const password = await challenge(s, 'UGFzc3dvcmQ6');
  if (!Buffer.isBuffer(password)) return password;
  return { authzid: '', authcid: user.toString('utf8'), password: password.toString('utf8') };
}

/** AUTH: after EHLO, once per session, never inside a transaction (RFC 4954 §4). */
export const auth: VerbHandler<'AUTH'> = {
  sequence(s) {
    if (s.helo?.verb !== 'EHLO') return REPLIES.needEhlo;
    if (s.authenticatedAs !== undefined)
      return {
        code: 503,
        enhanced: '5.5.1',
        text: 'Bad sequence of commands: already authenticated',
      };
    if (inTransaction(s))
      return {
        code: 503,
        enhanced: '5.5.1',
        text: 'Bad sequence of commands: AUTH not permitted during a mail transaction',
      };
    return undefined;
  },
  async handle(s, command) {
    // RFC 4954 §6: 538 5.7.11 when the mechanism requires an encrypted channel.
    if (!s.tls)
      return s.reply({
        code: 538,
        enhanced: '5.7.11',
        text: 'Encryption required for requested authentication mechanism',
      });
    // RFC 4954 §4: an unsupported mechanism gets 504.
    if (!isSaslMechanism(command.mechanism))
      return s.reply({ code: 504, enhanced: '5.5.4', text: 'Unrecognized authentication type' });
    s.state = 'auth';
    const exchange = command.mechanism === 'PLAIN' ? plain : login;
    const result = await exchange(s, command.initialResponse);
    if (result === 'closed') return;
    s.state = 'ready';
    if (!('authcid' in result)) return s.reply(result);
    if (!checkCredentials(s.deps.config.auth.users, result)) {
      s.log('warn', 'auth.failed', { mechanism: command.mechanism });
      return s.reply(INVALID);
    }
    s.authenticatedAs = result.authcid;
    s.log('info', 'auth.succeeded', { mechanism: command.mechanism, user: result.authcid });
    s.reply({ code: 235, enhanced: '2.7.0', text: 'Authentication successful' });
  },
};
