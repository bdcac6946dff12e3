/**
 * Which relayed recipients travel together: recipients whose domains resolve to the same
 * next hops share one transaction (up to a recipient cap), as RFC 5321 §3.3 allows.
 */
import { parseMailbox } from '../../harness/wire/address.ts';
import { type RouteOptions, type RouteResolution, resolveRoute } from '../delivery/mx.ts';
import { applyOutcome } from './apply-outcome.ts';
import type { QueueRecord } from './record.ts';

/** Recipients (indexes into the record) that go one way. */
export interface RouteGroup {
  route: RouteResolution;
  indexes: number[];
}

/**
 * Groups the pending relayed recipients of `record` by resolved route, each group at most
 * `maxRecipients` long. Addresses that do not parse fail at once (RFC 3463 X.1.3); failed
 * resolutions form groups of their own, per domain, so each keeps its reason.
 */
export async function routeGroups(
  record: QueueRecord,
  options: Omit<RouteOptions, 'maxHops'>,
  maxRecipients: number,
): Promise<RouteGroup[]> {
  const byKey = new Map<string, RouteGroup>();
  for (const [domain, indexes] of groupByDomain(record)) {
    const route = await resolveRoute(domain, options);
    const key = route.kind === 'hops' ? JSON.stringify(route.hops) : `failed ${domain}`;
    const group = byKey.get(key) ?? { route, indexes: [] };
    group.indexes.push(...indexes);
    byKey.set(key, group);
  }
  const out: RouteGroup[] = [];
  for (const { route, indexes } of byKey.values()) {
    for (let i = 0; i < indexes.length; i += maxRecipients) {
      out.push({ route, indexes: indexes.slice(i, i + maxRecipients) });
    }
  }
  return out;
}

/** Pending relayed recipients by lower-cased domain. */
function groupByDomain(record: QueueRecord): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const [index, r] of record.recipients.entries()) {
    if (r.status !== 'pending' || r.local) continue;
    const mailbox = parseMailbox(r.address, { smtputf8: true });
    if (mailbox instanceof Error) {
      const reason = `'${r.address}' is not a mailbox: ${mailbox.message}`;
      applyOutcome(record, index, { kind: 'failed', status: '5.1.3', reason }, new Date());
      continue;
    }
    const domain = mailbox.domain.toLowerCase();
    groups.set(domain, [...(groups.get(domain) ?? []), index]);
  }
  return groups;
}
