/**
 * The server a client case scripts: a plain, well-behaved SMTP server (RFC 5321) whose
 * replies the case may replace where they are due, pace, or split byte by byte.
 */
import type { ClientCase, ClientStage, ScriptedReply } from '../scenario/types.ts';
import type { ReceivedCommand, ServerReply, SessionScript, SessionView } from '../server/types.ts';

/** The name the client-conformance server greets with. */
export const CLIENT_SERVER_HOSTNAME = 'serve.smtpspec.test';

/** EHLO keywords offered unless a case says otherwise. */
export const CLIENT_SERVER_EXTENSIONS: readonly string[] = [
  'PIPELINING',
  'SIZE 10485760',
  '8BITMIME',
  'ENHANCEDSTATUSCODES',
];

function plain(code: number, text: string | string[], enhanced?: string): ServerReply {
  return { code, text, ...(enhanced === undefined ? {} : { enhanced }) };
}

/** The stage a command's reply belongs to. */
function stageOf(command: ReceivedCommand): ClientStage | undefined {
  const verb = command.command?.verb;
  switch (verb) {
    case 'EHLO':
    case 'HELO':
    case 'MAIL':
    case 'RCPT':
    case 'DATA':
    case 'RSET':
    case 'NOOP':
    case 'QUIT':
    case 'STARTTLS':
      return verb;
    default:
      return undefined;
  }
}

/** The script of one connection of a client case. */
export function clientCaseScript(spec: ClientCase): SessionScript {
  const extensions = spec.extensions ?? CLIENT_SERVER_EXTENSIONS;
  const offersTls = extensions.some((k) => k.toUpperCase() === 'STARTTLS');
  const shape = (r: ServerReply): ServerReply => ({
    ...r,
    ...(spec.byteByByte === true ? { byteByByte: true } : {}),
    ...(spec.replyDelayMs !== undefined && r.delayMs === undefined
      ? { delayMs: spec.replyDelayMs }
      : {}),
  });
  const scripted = (stage: ClientStage): ServerReply | undefined => {
    const r: ScriptedReply | undefined = spec.replies?.[stage];
    return r === undefined ? undefined : shape({ ...r });
  };
  return {
    greeting: () =>
      scripted('greeting') ??
      shape(plain(220, `${CLIENT_SERVER_HOSTNAME} ESMTP smtpspec client-conformance server`)),
    command(received, view) {
      const stage = stageOf(received);
      const own = stage === undefined ? undefined : scripted(stage);
      if (stage === 'STARTTLS') {
        // RFC 3207 §4: STARTTLS only where offered, and not again inside TLS.
        if (!offersTls) return shape(plain(502, 'Command not implemented', '5.5.1'));
        if (view.tls) return shape(plain(503, 'TLS already active', '5.5.1'));
        return own ?? shape(plain(220, 'Ready to start TLS', '2.0.0'));
      }
      return own ?? shape(defaultReply(received, view, extensions));
    },
    data: () => scripted('DATA-END') ?? shape(plain(250, 'Ok: queued', '2.0.0')),
  };
}

/** What a plain server answers (RFC 5321 §4.3.2). */
function defaultReply(
  received: ReceivedCommand,
  view: SessionView,
  extensions: readonly string[],
): ServerReply {
  const command = received.command;
  if (command === undefined) return plain(500, 'Syntax error, command unrecognized', '5.5.2');
  switch (command.verb) {
    case 'EHLO': {
      // RFC 3207 §4.2: STARTTLS is not offered again inside TLS.
      const offered = view.tls
        ? extensions.filter((k) => k.toUpperCase() !== 'STARTTLS')
        : extensions;
      return plain(250, [`${CLIENT_SERVER_HOSTNAME} greets ${command.domain}`, ...offered]);
    }
    case 'HELO':
      return plain(250, CLIENT_SERVER_HOSTNAME);
    case 'MAIL':
      return view.transaction === undefined
        ? plain(250, 'Sender OK', '2.1.0')
        : plain(503, 'Nested MAIL command', '5.5.1');
    case 'RCPT':
      return view.transaction === undefined
        ? plain(503, 'MAIL first', '5.5.1')
        : plain(250, 'Recipient OK', '2.1.5');
    case 'DATA':
      // RFC 5321 §3.3: no accepted recipient, no data.
      return view.transaction?.recipients.some((r) => r.accepted) === true
        ? plain(354, 'End data with <CR><LF>.<CR><LF>')
        : plain(554, 'No valid recipients', '5.5.1');
    case 'RSET':
    case 'NOOP':
      return plain(250, 'OK', '2.0.0');
    case 'QUIT':
      return { ...plain(221, `${CLIENT_SERVER_HOSTNAME} closing`, '2.0.0'), close: true };
    case 'VRFY':
      return plain(252, 'Cannot verify, will attempt delivery', '2.1.5');
    case 'UNKNOWN':
      return plain(500, 'Command not recognized', '5.5.2');
    default:
      return plain(502, 'Command not implemented', '5.5.1');
  }
}
