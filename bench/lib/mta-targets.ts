/**
 * The two servers of bench/mta-load.ts on one Docker network made for the run, plus the
 * client container smtp-source runs in. Both servers queue durably before their 250 (the
 * reference MTA fsyncs its spool; Postfix's cleanup fsyncs the queue file) and deliver to
 * a local mailbox (reference MTA: Maildir, fsynced; Postfix local(8): mbox, fsynced), on
 * the same disk. Ports are also published on 127.0.0.1 for the latency client.
 */
import { GenericContainer, Network, type StartedTestContainer } from 'testcontainers';
import { POSTFIX_DOMAIN, POSTFIX_IMAGE, postfixContainer } from '../../harness/targets/postfix.ts';
import {
  REFERENCE_MTA_DOMAIN,
  REFERENCE_MTA_PORT,
  referenceMtaContainer,
  referenceMtaMaildir,
} from '../../harness/targets/reference-mta.ts';
import type { StartedSmtpContainer } from '../../harness/targets/smtp-container.ts';
import { onCleanup } from './cleanup.ts';
import { countPostfixDeliveries, countReferenceDeliveries, LogCounter } from './log-counter.ts';

export interface BenchTarget {
  name: string;
  container: StartedSmtpContainer;
  /** `alias:port` on the bench network. */
  networkTarget: string;
  rcpt: string;
  /** Messages delivered since the server started, counted from its log (costs it nothing). */
  delivered(): number;
  /** Messages in the mailbox, counted inside the container: a check outside timed spans. */
  mailboxCount(): Promise<number>;
  /** Empties the mailbox between runs (queue idle), so every run starts from the same state. */
  emptyMailbox(): Promise<void>;
}

export interface BenchSetup {
  reference: BenchTarget;
  postfix: BenchTarget;
  /** Where smtp-source runs. */
  client: StartedTestContainer;
}

async function execOk(container: StartedTestContainer, script: string): Promise<void> {
  const result = await container.exec(['sh', '-c', script]);
  if (result.exitCode !== 0) throw new Error(`${script}: ${result.output.slice(-200)}`);
}

async function countOf(container: StartedTestContainer, script: string): Promise<number> {
  const result = await container.exec(['sh', '-c', script]);
  const n = Number(result.stdout.trim());
  if (!Number.isInteger(n)) throw new Error(`cannot count mail: ${result.output.slice(-200)}`);
  return n;
}

/** Builds what is missing, starts everything and registers its cleanup. */
export async function startBenchTargets(log: (line: string) => void): Promise<BenchSetup> {
  const network = await new Network().start();
  onCleanup(() => network.stop());
  const start = async <T extends StartedTestContainer>(what: string, go: () => Promise<T>) => {
    const t0 = performance.now();
    const started = await go();
    onCleanup(() => started.stop({ removeVolumes: true }));
    log(`started ${what} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return started;
  };
  const referenceBuilder = await referenceMtaContainer({ onProgress: log });
  const postfixBuilder = await postfixContainer();
  const ref = await start('reference MTA', () =>
    referenceBuilder.withNetwork(network).withNetworkAliases('reference-mta').start(),
  );
  const pf = await start('Postfix', () =>
    postfixBuilder.withNetwork(network).withNetworkAliases('postfix').start(),
  );
  // smtp-source only needs the binary; `sleep` keeps the container up between runs.
  const client = await start('smtp-source client', () =>
    new GenericContainer(POSTFIX_IMAGE)
      .withNetwork(network)
      .withCommand(['sleep', 'infinity'])
      .start(),
  );
  const refLog = await LogCounter.follow(ref, countReferenceDeliveries);
  const pfLog = await LogCounter.follow(pf, countPostfixDeliveries);
  onCleanup(async () => {
    refLog.stop();
    pfLog.stop();
  });
  const aliceNew = `${referenceMtaMaildir('alice')}/new`;
  return {
    reference: {
      name: 'reference MTA',
      container: ref,
      networkTarget: `reference-mta:${REFERENCE_MTA_PORT}`,
      rcpt: `alice@${REFERENCE_MTA_DOMAIN}`,
      delivered: () => refLog.total,
      mailboxCount: () => countOf(ref, `ls -U ${aliceNew} | wc -l`),
      emptyMailbox: () => execOk(ref, `find ${aliceNew} -type f -delete 2>/dev/null || true`),
    },
    postfix: {
      name: 'Postfix 3.7',
      container: pf,
      networkTarget: 'postfix:25',
      rcpt: `alice@${POSTFIX_DOMAIN}`,
      // local(8) quotes body lines that start with "From " as ">From ", so this counts messages.
      delivered: () => pfLog.total,
      mailboxCount: () =>
        countOf(
          pf,
          'if [ -e /var/mail/alice ]; then grep -c "^From " /var/mail/alice; else echo 0; fi',
        ),
      emptyMailbox: () => execOk(pf, 'if [ -e /var/mail/alice ]; then : > /var/mail/alice; fi'),
    },
    client,
  };
}
