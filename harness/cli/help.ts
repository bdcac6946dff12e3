/**
 * Usage text. Kept next to the option tables (args.ts) so they change together.
 */

export const USAGE = `smtpspec - SMTP conformance test harness

Usage:
  smtpspec run [ID-PREFIX ...] [options]   run the cases against a server
  smtpspec list [ID-PREFIX ...] [--suite ID|FILE ...] [--case GLOB ...] [--json]
  smtpspec coverage [--suite ID|FILE ...] [--json]
  smtpspec merge DIR|FILE ... [--out DIR] [--reporter LIST]   one report from shard reports
  smtpspec compare RESULTS.json|DIR ... [--out DIR] [--label NAME ...]
                                           servers side by side: comparison.html and .json
                                           (default --out ./smtpspec-comparison)
  smtpspec fuzz [--target HOST:PORT] [--seconds N | --runs N] [--seed N] [--out DIR] ...
                                           property-based fuzzing (smtpspec fuzz --help)
  smtpspec replay FILE [--target HOST:PORT]   run a saved fuzz reproducer
  smtpspec serve-cases --client-cmd 'CMD ... {host} {port}' [--suite ...] [--case GLOB]
                       [--out DIR] [--reporter LIST] [--timeout-ms N] [--client-timeout-ms N]
                                           judge an SMTP client: the harness is the server
  smtpspec serve [--port N] [--host H] [--config FILE]   run the bundled reference MTA
  smtpspec help | --help | --version

Options of run:
  --target HOST:PORT    server under test, [V6ADDR]:PORT for IPv6
                        (default: the bundled reference MTA on 127.0.0.1, ephemeral port)
  --container IMAGE     start the server under test from IMAGE (testcontainers, port
                        published on 127.0.0.1); stopped and removed after the run
  --dockerfile DIR      the same, from an image built from DIR/Dockerfile
  --port N              its SMTP port inside the container (default 25)
  --env NAME=VALUE      an environment variable of the container (repeatable)
  --startup-timeout-ms N  wait for its 220 greeting (default 120000)
  --tls implicit        TLS from the first byte (SMTPS), needs --target or a container
  --suite ID|FILE       cases whose id starts with ID, or a JSON/YAML suite file
                        (repeatable; files alone replace the built-in suites)
  --case GLOB           case ids matching GLOB: '*' any text, '?' one character (repeatable)
  --out DIR             report directory (default ./smtpspec-report)
  --reporter LIST       any of console,junit,json,html (default: all four)
  --concurrency N       cases run in parallel, 1-64 (default 4); cases that mostly wait
                        for silence run beside them, N at a time (3 x N against the bundled
                        MTA); 1: one case at a time
  --timeout-ms N        wait for each reply, in ms (default 5000)
  --strict              a warn (SHOULD violated) also fails the run
  --slow                include slow cases (they wait out long server timeouts)
  --verbose             the console report shows every case's message
  --shard I/N           only shard I of N: round-robin over the cases sorted by id
  --baseline FILE       a results.json of known problems: a case with the same id and the
                        same or a better verdict is "known" and does not fail the run
  --helo NAME  --from MAILBOX  --rcpt MAILBOX  --rcpt2 MAILBOX  --foreign-domain DOMAIN
                        names used in the commands; the defaults fit the bundled MTA. For
                        an external target --rcpt defaults to postmaster@<server domain>.
  --rcpt-pattern MAILBOX
                        a mailbox with {n} in its local part, deliverable for n = 1..101
                        (e.g. 'user+{n}@example.test'): distinct recipients for the
                        recipients-buffer cases, which skip without it
  --mx-domain DOMAIN    a domain whose MX record names the target on port 25, which makes
                        it a publicly-referenced server (RFC 3207 §4); the cases about one
                        skip without it (the bundled MTA stands in for smtpspec.test's MX)
  --auth-user USER  --auth-pass PASSWORD
                        credentials for the AUTH cases (RFC 4954); without them those
                        cases skip. The bundled MTA has its own test user.
  --relay-domain DOMAIN --sink-listen HOST:PORT
                        relay-through cases: the target routes DOMAIN to the harness's
                        sink at HOST:PORT; they submit mail to DOMAIN and judge what the
                        target sends on. Without them those cases skip. With --container
                        the sink listens on the Docker bridge gateway by default; without
                        a target the bundled MTA relays relay.test to a sink of its own.
  --relay-timeout-ms N  wait for what the target sends on (default 30000)
  --relay-retry-ms N    the target's retry interval after a 4xx; retries are judged only
                        within it (without it, no retry seen is info, never fail)

Exit status: 0 no fail and no error; 1 at least one fail or error (or warn with --strict);
2 bad usage, bad configuration, a container that did not start, or an internal error
(reported on one line); 130 interrupted (a target container is removed first).
`;
