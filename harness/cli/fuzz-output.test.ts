// Why this test? Shards of one fuzz seed must produce reports `smtpspec merge` can join:
// campaign-level results need ids that differ per shard, and the report names its shard.
import { describe, expect, it } from 'vitest';
import type { CampaignResult } from '../fuzz/campaign.ts';
import { mergeReports } from '../shard/merge.ts';
import { campaignReport, type FuzzRunInfo } from './fuzz-output.ts';

const result: CampaignResult = {
  seed: 7,
  findings: [],
  warnings: [
    {
      kind: 'syntax-rejected',
      key: 'syntax-rejected HELP 500',
      message: 'a valid HELP line got 500',
      count: 2,
      example: 'HELP',
    },
  ],
  runs: 10,
  durationMs: 5,
  distinctReplies: 3,
  replies: { 'HELP 500': 2, 'NOOP 250': 7, 'QUIT 221': 1 },
  coverage: { triples: 3, corpus: 2, feedback: true, list: ['helo | HELP valid | 500'] },
  targetLost: undefined,
};

function info(shard?: { index: number; count: number }): FuzzRunInfo {
  const base = {
    target: { address: '127.0.0.1:1', greeting: '220 x', ehlo: [] },
    startedAt: new Date(0),
    concurrency: 1,
    lenient: false,
  };
  return shard === undefined ? base : { ...base, shard };
}

describe('campaignReport', () => {
  it('keeps the plain ids of an unsharded run', () => {
    const ids = campaignReport(result, info()).results.map((r) => r.id);
    expect(ids).toEqual(['fuzz/7/campaign', 'fuzz/7/warning-1-syntax-rejected']);
  });

  it('gives each shard its own campaign-level ids, so the shards merge', () => {
    const one = campaignReport(result, info({ index: 1, count: 2 }));
    const two = campaignReport(result, info({ index: 2, count: 2 }));
    expect(one.shard).toEqual({ index: 1, count: 2 });
    expect(one.results.map((r) => r.id)).toContain('fuzz/7/campaign-shard-1-of-2');
    const merged = mergeReports([
      { source: 'a', report: one },
      { source: 'b', report: two },
    ]);
    expect(merged.results).toHaveLength(4);
  });
});
