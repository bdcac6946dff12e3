import type { ScenarioSource, SinkReply, SuiteGroup } from '../../harness/scenario/types.ts';
import { RELAY_MESSAGE, submit } from '../_relay.ts';

/**
 * Relay-through: a temporary failure at the next hop is retried (RFC 5321 §4.5.4.1,
 * §4.2.1). The sink answers the first attempt with a 4xx at one stage and accepts the
 * next. RFC 5321 suggests retrying after 30 minutes or more, so a retry is judged only
 * within the interval declared with `--relay-retry-ms`; without it, no retry is `info`.
 */
const BUSY: SinkReply = {
  code: 451,
  enhanced: '4.3.0',
  text: 'sink busy, try again later',
  attempts: 1,
};

function retryCase(
  slug: string,
  where: string,
  sink: NonNullable<ScenarioSource['relay']>['sink'],
): ScenarioSource {
  return {
    id: `rfc5321/4.5.4.1/relay-retries-after-${slug}`,
    title: `After a 4xx at ${where}, the target tries again and the message arrives`,
    level: 'MUST',
    requirements: ['R5321-4.5.4.1-a', 'R5321-4.2.1-a', 'R5321-4.5.4.1-b'],
    relay: { sink: sink ?? {} },
    steps: [...submit(RELAY_MESSAGE), { kind: 'relayed', expect: { outcome: 'retried' } }],
  };
}

const group: SuiteGroup = {
  id: 'rfc5321/4.5.4.1',
  title: 'Sending strategy: temporary failures at the next hop are retried',
  spec: 'RFC 5321',
  section: '4.5.4.1',
  scenarios: [
    retryCase('421-greeting', 'the greeting (421)', {
      greeting: {
        code: 421,
        enhanced: '4.3.2',
        text: 'sink not available, try later',
        attempts: 1,
      },
    }),
    retryCase('4xx-mail', 'MAIL', { mail: BUSY }),
    retryCase('4xx-rcpt', 'RCPT', { rcpt: { ...BUSY, code: 450, enhanced: '4.2.1' } }),
    retryCase('4xx-end-of-data', 'the end of data', { dataEnd: BUSY }),
  ],
};

export default group;
