/**
 * The byte-exact scripted SMTP client: public API for the runner, the fuzzer and the relay.
 */
export {
  ConnectError,
  ConnectionClosedError,
  ConnectionResetError,
  MalformedReplyError,
  ReplyOverflowError,
  SessionStateError,
  TlsError,
  UnexpectedReplyError,
} from './errors.ts';
export {
  type ClientOptions,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_PART_PAUSE_MS,
  DEFAULT_REPLY_TIMEOUT_MS,
  formatAddress,
} from './options.ts';
export {
  type ReadOptions,
  SmtpClientSession,
  type StartTlsResult,
  type TlsInfo,
} from './session.ts';
export { verbOf } from './verb.ts';
