/**
 * Base class of containerised SMTP targets (testcontainers builder pattern): defaults are
 * set in the constructor only, so a user's `withWaitStrategy` is never overridden, and
 * published ports are bound to 127.0.0.1 only (never reachable from other hosts).
 */
import {
  AbstractStartedContainer,
  GenericContainer,
  type StartedTestContainer,
} from 'testcontainers';
import { SmtpGreetingWaitStrategy } from './smtp-greeting-wait.ts';

// There is no image for the testcontainers reaper on these machines: containers are
// stopped by whoever started them (tests use `await using` / afterAll).
process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';

export class SmtpContainer extends GenericContainer {
  protected readonly smtpPort: number;

  constructor(image: string, smtpPort = 25) {
    super(image);
    this.smtpPort = smtpPort;
    this.withExposedPorts(smtpPort)
      .withWaitStrategy(new SmtpGreetingWaitStrategy(smtpPort))
      .withStartupTimeout(120_000);
  }

  protected override async beforeContainerCreated(): Promise<void> {
    // Publish on loopback only: the harness never exposes a server under test beyond this host.
    for (const bindings of Object.values(this.hostConfig.PortBindings ?? {})) {
      for (const binding of bindings as { HostIp?: string }[]) binding.HostIp = '127.0.0.1';
    }
  }

  override async start(): Promise<StartedSmtpContainer> {
    return new StartedSmtpContainer(await super.start(), this.smtpPort);
  }
}

export class StartedSmtpContainer extends AbstractStartedContainer {
  private readonly smtpPort: number;

  constructor(started: StartedTestContainer, smtpPort: number) {
    super(started);
    this.smtpPort = smtpPort;
  }

  getSmtpHost(): string {
    return '127.0.0.1';
  }

  getSmtpPort(): number {
    return this.getMappedPort(this.smtpPort);
  }

  /** `host:port` as `smtpspec run --target` takes it. */
  getSmtpAddress(): string {
    return `${this.getSmtpHost()}:${this.getSmtpPort()}`;
  }

  /**
   * The last `lines` lines of the container log, for error messages and reports. The
   * log stream follows the container, so collection stops after `waitMs` (and at 256 KiB).
   */
  async logTail(lines = 40, waitMs = 1_000): Promise<string> {
    const stream = await this.logs({ tail: lines });
    const chunks: Buffer[] = [];
    let size = 0;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      stream.on('data', (data: Buffer | string) => {
        const chunk = typeof data === 'string' ? Buffer.from(data) : data;
        if (size < 256 * 1024) chunks.push(chunk);
        size += chunk.length;
      });
      stream.on('end', done);
      stream.on('error', done);
    });
    (stream as { destroy?: () => void }).destroy?.();
    return Buffer.concat(chunks).toString('utf8');
  }
}
