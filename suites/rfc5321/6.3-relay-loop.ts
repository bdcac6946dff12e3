import type { Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { RELAY_MESSAGE, relayHeader, submit } from '../_relay.ts';

/** Hops of the looping message: far past any threshold RFC 5321 §6.3 has in mind (100). */
const HOPS = 500;
const LOOP_RCPT = 'Looprcpt-{{relayToken}}@{{relayDomain}}';

/** Received: fields saying the message went round between the relay domain and the target. */
const LOOP_TRACE = Array.from(
  { length: HOPS },
  (_, i) =>
    `Received: from mx.{{relayDomain}} by {{serverDomain}} with ESMTP id L${HOPS - i}; Mon, 02 Nov 2026 10:00:00 +0000\r\n`,
).join('');

/** The looping message: refused (a loop stopped) or taken, but never a setup failure. */
const loopSubmission: Step[] = submit(
  `${LOOP_TRACE}${relayHeader('looping message', undefined, LOOP_RCPT)}\r\nThis message went round ${HOPS} times.\r\n`,
  { rcpt: LOOP_RCPT, ehlo: false },
).map((step) =>
  step.kind === 'message'
    ? {
        ...step,
        expect: {
          codes: [250, '5xx'],
          role: 'setup',
          because: 'refusing a looping message stops the loop (RFC 5321 §6.3)',
        },
      }
    : step,
);

/**
 * Relay-through: a message whose Received: fields show it went round the target itself
 * hundreds of times is not passed on to the next hop (RFC 5321 §6.3). A plain message,
 * relayed first, is the control.
 */
const group: SuiteGroup = {
  id: 'rfc5321/6.3/relay',
  title: 'Loop detection: a looping message is not passed on',
  spec: 'RFC 5321',
  section: '6.3',
  scenarios: [
    {
      id: 'rfc5321/6.3/relay-stops-looping-message',
      title: `A message with ${HOPS} Received: fields naming the target is refused or at least not passed on (a plain one is)`,
      level: 'MUST',
      requirements: ['R5321-6.3-b'],
      relay: {},
      steps: [
        ...submit(RELAY_MESSAGE),
        ...loopSubmission,
        { kind: 'relayed', expect: { outcome: 'stopped' } },
      ],
    },
  ],
};

export default group;
