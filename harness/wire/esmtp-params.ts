/**
 * ESMTP parameters of MAIL and RCPT (RFC 5321 §4.1.2 Mail-parameters / Rcpt-parameters):
 * `esmtp-keyword[=esmtp-value]` separated by single spaces. Duplicates and order are kept,
 * so a server can reject a repeated keyword itself.
 */
import { CommandSyntaxError } from './command-error.ts';
import { describeCharAt, isAlpha, isDigit, isNonAscii } from './grammar-chars.ts';

/** One `keyword[=value]` parameter. */
export interface EsmtpParam {
  /** The esmtp-keyword, upper-cased (RFC 5321 §2.4: keywords are case-insensitive). */
  keyword: string;
  /** The esmtp-value as written, or `undefined` when there is no `=value`. */
  value: string | undefined;
}

/** Options for parameter parsing. */
export interface EsmtpParamOptions {
  /** Accept UTF-8 in values (RFC 6531 §3.3: esmtp-value =/ UTF8-non-ascii). */
  smtputf8?: boolean;
}

function paramError(reason: string): CommandSyntaxError {
  return new CommandSyntaxError({ reason, suggestedReply: 501 });
}

/** RFC 5321 §4.1.2: esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-"). */
export function isEsmtpKeyword(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const ok = isAlpha(code) || isDigit(code) || (i > 0 && code === 45);
    if (!ok) return false;
  }
  return true;
}

/** RFC 5321 §4.1.2: esmtp-value = 1*(%d33-60 / %d62-126); RFC 6531 §3.3 adds UTF-8. */
function checkEsmtpValue(value: string, options: EsmtpParamOptions): string | undefined {
  if (value.length === 0) return 'empty esmtp-value after "=" (RFC 5321 §4.1.2)';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isNonAscii(code) && options.smtputf8) continue;
    if ((code >= 33 && code <= 60) || (code >= 62 && code <= 126)) continue;
    return `${describeCharAt(value, i)} in esmtp-value (RFC 5321 §4.1.2)`;
  }
  return undefined;
}

/** Parses one `keyword[=value]`. */
function parseOneParam(text: string, options: EsmtpParamOptions): EsmtpParam | CommandSyntaxError {
  const eq = text.indexOf('=');
  const keyword = eq < 0 ? text : text.slice(0, eq);
  if (!isEsmtpKeyword(keyword)) {
    return paramError(`"${keyword}" is not an esmtp-keyword (RFC 5321 §4.1.2)`);
  }
  if (eq < 0) return { keyword: keyword.toUpperCase(), value: undefined };
  const value = text.slice(eq + 1);
  const problem = checkEsmtpValue(value, options);
  return problem ? paramError(problem) : { keyword: keyword.toUpperCase(), value };
}

/**
 * Parses `esmtp-param *(SP esmtp-param)` (the text after the path and its SP).
 * An empty text gives no parameters; a doubled or trailing space is an error.
 */
export function parseEsmtpParams(
  text: string,
  options: EsmtpParamOptions = {},
): EsmtpParam[] | CommandSyntaxError {
  if (text.length === 0) return [];
  const params: EsmtpParam[] = [];
  for (const part of text.split(' ')) {
    if (part.length === 0)
      return paramError('empty parameter (parameters are separated by one SP, RFC 5321 §4.1.2)');
    const param = parseOneParam(part, options);
    if (param instanceof CommandSyntaxError) return param;
    params.push(param);
  }
  return params;
}

/** Serialises parameters as `KEY=value KEY2`, without a leading space. Does not validate. */
export function formatEsmtpParams(params: readonly EsmtpParam[]): string {
  return params
    .map((p) => (p.value === undefined ? p.keyword : `${p.keyword}=${p.value}`))
    .join(' ');
}

/** The first keyword that occurs more than once, if any (compared upper-cased). */
export function findDuplicateKeyword(params: readonly EsmtpParam[]): string | undefined {
  const seen = new Set<string>();
  for (const p of params) {
    const keyword = p.keyword.toUpperCase();
    if (seen.has(keyword)) return keyword;
    seen.add(keyword);
  }
  return undefined;
}

/** The first parameter with `keyword` (any case), if present. */
export function findParam(params: readonly EsmtpParam[], keyword: string): EsmtpParam | undefined {
  const wanted = keyword.toUpperCase();
  return params.find((p) => p.keyword.toUpperCase() === wanted);
}
