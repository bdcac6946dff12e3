// Why this test? Debian's Exim 4.96 is one of the servers `npm run interop` certifies; this
// proves the fixture is the site it claims to be (greeting host, mailboxes, postmaster,
// STARTTLS, no open relay) before any report about Exim is trusted.
import { EXIM_FIXTURE } from './debian-mta.ts';
import { describeDebianMta } from './testing/debian-mta-tests.ts';

await describeDebianMta(EXIM_FIXTURE);
