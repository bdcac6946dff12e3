/**
 * Session transcripts: the event model, the bounded recorder, the text form of design.md
 * and the JSON form with its validating parser.
 */
export {
  type CloseBy,
  type DataEvent,
  DEFAULT_TRANSCRIPT_LIMITS,
  type Elision,
  type Omission,
  type PeerCertificateInfo,
  type TlsDetails,
  type TranscriptEvent,
  type TranscriptEventKind,
  type TranscriptLimits,
  wireOctets,
} from './events.ts';
export {
  type DataEventJson,
  parseTranscriptJson,
  TRANSCRIPT_JSON_FORMAT,
  TRANSCRIPT_JSON_VERSION,
  type TranscriptEventJson,
  type TranscriptJson,
  transcriptFromJson,
  transcriptToJson,
} from './json.ts';
export {
  describeTls,
  formatTime,
  type RenderableTranscript,
  renderData,
  renderEvent,
  renderHeader,
  renderTranscript,
} from './render.ts';
export { Transcript, type TranscriptOptions } from './transcript.ts';
