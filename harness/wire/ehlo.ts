/**
 * The EHLO reply (RFC 5321 §4.1.1.1 ehlo-ok-rsp): reading the keywords a server advertises,
 * and writing them on the server side.
 */
import { ConfigError } from '../errors.ts';
import { parseDomainArgument } from './address.ts';
import { formatReply, type Reply } from './reply.ts';
import { visibleBytes } from './visible.ts';

/**
 * What an EHLO reply says. `keywords` maps the upper-cased keyword to its parameters as
 * sent (RFC 5321 §4.1.1.1 and §2.4: keywords are not case sensitive). A keyword advertised
 * twice keeps its first parameters. `violations` are one-line descriptions naming the rule.
 */
export interface EhloInfo {
  domain: string;
  greeting: string;
  keywords: Map<string, string[]>;
  violations: string[];
}

// RFC 5321 §4.1.1.1: ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
const EHLO_KEYWORD = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
// RFC 5321 §4.1.1.1: ehlo-param = 1*(%d33-126), any CHAR but SP and controls.
const EHLO_PARAM = /^[\x21-\x7e]+$/;
const RULE = 'RFC 5321 §4.1.1.1';

/**
 * Why `domain` is not a Domain or address literal, or `undefined` if it is. ehlo-ok-rsp
 * names only Domain, but the Greeting rule of §4.2 and the EHLO argument of §4.1.1.1 allow
 * an address literal for a host without a name, so one is tolerated here too.
 */
function domainProblem(domain: string): string | undefined {
  if (domain === '') return 'it is empty';
  const parsed = parseDomainArgument(domain);
  return 'code' in parsed ? `'${show(domain)}': ${parsed.reason}` : undefined;
}

function show(text: string): string {
  return visibleBytes(Buffer.from(text, 'latin1'));
}

/**
 * Reads an EHLO reply. Never throws: every departure from ehlo-ok-rsp is listed in
 * `violations` and the keywords that can be read are still returned. A reply other than 250
 * yields no keywords.
 */
export function parseEhloReply(reply: Pick<Reply, 'code' | 'lines'>): EhloInfo {
  const violations: string[] = [];
  const keywords = new Map<string, string[]>();
  const first = reply.lines[0] ?? '';
  const space = first.indexOf(' ');
  const domain = space === -1 ? first : first.slice(0, space);
  const greeting = space === -1 ? '' : first.slice(space + 1);
  if (reply.code !== 250) {
    violations.push(`${RULE}: EHLO reply code is ${reply.code}, not 250`);
    return { domain, greeting, keywords, violations };
  }
  const problem = domainProblem(domain);
  if (problem !== undefined) {
    violations.push(`${RULE}: the first line must start with the server's Domain: ${problem}`);
  }
  reply.lines.slice(1).forEach((line, i) => {
    readEhloLine(line, i + 2, keywords, violations);
  });
  return { domain, greeting, keywords, violations };
}

/** Reads one ehlo-line (`keyword *(SP param)`); `lineNo` is 1-based within the reply. */
function readEhloLine(
  line: string,
  lineNo: number,
  keywords: Map<string, string[]>,
  violations: string[],
): void {
  const [keyword = '', ...params] = line.split(' ');
  if (keyword === '') {
    violations.push(`${RULE}: line ${lineNo} has no ehlo-keyword: '${show(line)}'`);
    return;
  }
  if (!EHLO_KEYWORD.test(keyword)) {
    violations.push(`${RULE}: line ${lineNo}: '${show(keyword)}' is not an ehlo-keyword`);
  }
  params.forEach((param, i) => {
    if (param === '') {
      violations.push(`${RULE}: line ${lineNo}: empty ehlo-param ${i + 1} (extra space)`);
    } else if (!EHLO_PARAM.test(param)) {
      violations.push(`${RULE}: line ${lineNo}: '${show(param)}' is not an ehlo-param`);
    }
  });
  const key = keyword.toUpperCase();
  if (!keywords.has(key)) keywords.set(key, params);
}

/**
 * True when the server advertised `keyword`. RFC 5321 §4.1.1.1: EHLO keywords "MUST always
 * be recognized and processed in a case-insensitive manner".
 */
export function hasKeyword(info: Pick<EhloInfo, 'keywords'>, keyword: string): boolean {
  return info.keywords.has(keyword.toUpperCase());
}

/** Keywords as `KEYWORD param ...` strings, in advertised order (the JSON report's `ehlo`). */
export function describeKeywords(info: Pick<EhloInfo, 'keywords'>): string[] {
  return [...info.keywords].map(([k, params]) => [k, ...params].join(' '));
}

/**
 * Server side: the ehlo-line texts that follow the first line of the EHLO reply, e.g.
 * `['PIPELINING', 'SIZE 10485760']`. Throws `ConfigError` for a keyword or parameter outside
 * the RFC 5321 §4.1.1.1 grammar, or a keyword given twice (case-insensitively).
 */
export function formatEhloKeywords(
  keywords: Iterable<readonly [string, readonly string[]]>,
): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const [keyword, params] of keywords) {
    if (!EHLO_KEYWORD.test(keyword)) {
      throw new ConfigError(`'${show(keyword)}' is not an ehlo-keyword (${RULE})`, 'ehlo');
    }
    if (seen.has(keyword.toUpperCase())) {
      throw new ConfigError(`keyword ${keyword} is listed twice`, 'ehlo');
    }
    seen.add(keyword.toUpperCase());
    const bad = params.find((p) => !EHLO_PARAM.test(p));
    if (bad !== undefined) {
      throw new ConfigError(`'${show(bad)}' is not an ehlo-param of ${keyword} (${RULE})`, 'ehlo');
    }
    lines.push([keyword, ...params].join(' '));
  }
  return lines;
}

/**
 * Server side: the whole EHLO reply, `250-domain greeting` then one line per keyword.
 * Throws `ConfigError` for a bad domain, greeting, keyword or parameter.
 */
export function formatEhloReply(
  domain: string,
  greeting: string,
  keywords: Iterable<readonly [string, readonly string[]]>,
): Buffer {
  const problem = domainProblem(domain);
  if (problem !== undefined) throw new ConfigError(problem, 'domain');
  const first = greeting.length > 0 ? `${domain} ${greeting}` : domain;
  return formatReply(250, [first, ...formatEhloKeywords(keywords)]);
}
