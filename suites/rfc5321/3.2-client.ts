import type { ScenarioSource, SuiteGroup } from '../../harness/scenario/types.ts';

/** Client cases (`smtpspec serve-cases`): HELO when EHLO is not recognized (RFC 5321 §3.2). */
function fallback(code: 500 | 502): ScenarioSource {
  return {
    id: `rfc5321/3.2/client-helo-after-${code}`,
    title: `After ${code} to EHLO the client sends HELO, and then no extension parameters`,
    level: 'SHOULD',
    requirements: ['R5321-3.2-b'],
    client: {
      replies: {
        EHLO: {
          code,
          enhanced: '5.5.' + (code === 500 ? '2' : '1'),
          text: code === 500 ? 'Command not recognized' : 'EHLO not implemented',
        },
      },
      checks: ['hello', 'parameters'],
    },
  };
}

const group: SuiteGroup = {
  id: 'rfc5321/3.2',
  title: 'Client: HELO fallback',
  spec: 'RFC 5321',
  section: '3.2',
  scenarios: [fallback(502), fallback(500)],
};

export default group;
