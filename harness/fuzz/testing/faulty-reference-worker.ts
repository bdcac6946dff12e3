/**
 * Test-only worker entry: the real reference-worker with faults planted behind NOOP
 * arguments, so the target's crash and hang recovery can be tested without a real bug in
 * the MTA. Lives under testing/ (excluded from the build); the shipped entry has no such
 * commands.
 * - `NOOP XCRASH`: an uncaught exception in the worker thread.
 * - `NOOP XEXIT`: `process.exit(7)`, which in a worker ends only the thread.
 * - `NOOP XOOM`: allocates until the worker's heap limit is hit.
 * - `NOOP XHANG`: a busy loop; the thread never answers again.
 * Any other NOOP gets its usual 250.
 */
import { REPLIES } from '../../../reference-server/session/replies.ts';
import type { VerbHandler } from '../../../reference-server/verbs/handler.ts';
import { runReferenceWorker } from '../reference-worker.ts';

function hog(): void {
  const kept: number[][] = [];
  for (;;) kept.push(Array.from({ length: 100_000 }, (_, i) => i));
}

function spin(): void {
  let n = 0;
  for (;;) n = (n + 1) % 1_000_003;
}

const faultyNoop: VerbHandler<'NOOP'> = {
  async handle(s, command) {
    switch (command.argument) {
      case 'XCRASH':
        // Outside the session's own error handling, as a real bug in a callback would be.
        setImmediate(() => {
          throw new Error('planted crash (XCRASH)');
        });
        return;
      case 'XEXIT':
        process.exit(7);
        return;
      case 'XOOM':
        return hog();
      case 'XHANG':
        return spin();
      default:
        s.reply(REPLIES.ok);
    }
  },
};

await runReferenceWorker({ verbs: { NOOP: faultyNoop } });
