import type { SuiteGroup } from '../../harness/scenario/types.ts';

/**
 * Client cases (`smtpspec serve-cases`): STARTTLS response injection, the client side of
 * RFC 3207 §4.2 (CVE-2011-1575 class). The server sends, in the same write as its 220, a
 * second reply before the handshake; a client that keeps it takes it for the answer to
 * its first command inside TLS and runs ahead. Replies inside TLS come slowly, to show it.
 */
const group: SuiteGroup = {
  id: 'rfc3207/4.2',
  title: 'Client: STARTTLS response injection',
  spec: 'RFC 3207',
  section: '4.2',
  scenarios: [
    {
      id: 'rfc3207/4.2/client-discards-injected-reply',
      title:
        'A reply sent before the TLS handshake is discarded: inside TLS the client sends EHLO and waits for its real reply',
      level: 'MUST',
      requirements: ['R3207-4.2-c', 'R3207-4.2-d'],
      client: {
        extensions: ['STARTTLS', '8BITMIME', 'ENHANCEDSTATUSCODES'],
        replyDelayMs: 200,
        replies: {
          STARTTLS: {
            code: 220,
            raw: '220 2.0.0 Ready to start TLS\r\n250 2.0.0 injected before the handshake\r\n',
          },
        },
        checks: ['tls-injection', 'completes'],
      },
    },
  ],
};

export default group;
