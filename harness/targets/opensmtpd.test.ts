// Why this test? Debian's OpenSMTPD 6.8 is one of the servers `npm run interop` certifies;
// this proves the fixture is the site it claims to be (greeting host, mailboxes,
// postmaster, no open relay) before any report about it is trusted, and pins down the
// package's broken STARTTLS handshake, so a report's TLS results are read as the
// package's defect and not the harness's.
import { OPENSMTPD_FIXTURE } from './debian-mta.ts';
import { describeDebianMta } from './testing/debian-mta-tests.ts';

await describeDebianMta(OPENSMTPD_FIXTURE);
