/**
 * Checks a document against a JSON Schema and returns every error, each as one line
 * naming the field (`my.yaml: [0].steps[1].expect.codes[0]: expected a code like 250 or
 * '5xx', got "2x"`). It implements the keywords the suite schema uses, with their JSON
 * Schema 2020-12 meaning; a schema using any other keyword is refused, so the published
 * schema cannot say something this check ignores. `anyOf`/`oneOf` pick their branch by the
 * value's JSON type or its `kind`, so an error names the field, not "no branch matched".
 */
import { FieldPath, show } from './fields.ts';
import type { SchemaNode } from './suite-schema.ts';

const KEYWORDS = new Set([
  '$schema',
  '$defs',
  '$ref',
  'title',
  'description',
  'x-expected',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'minLength',
  'pattern',
  'enum',
  'const',
  'minimum',
  'maximum',
  'anyOf',
  'oneOf',
  'allOf',
]);

/** Keywords of `schema` (at any depth) that this check does not implement. */
export function unsupportedKeywords(schema: unknown, at = '#'): string[] {
  if (Array.isArray(schema)) return schema.flatMap((s, i) => unsupportedKeywords(s, `${at}/${i}`));
  if (typeof schema !== 'object' || schema === null) return [];
  const found: string[] = [];
  for (const [key, sub] of Object.entries(schema)) {
    if (!KEYWORDS.has(key)) found.push(`${at}/${key}`);
    // Under these, keys are names (of fields, definitions), not keywords.
    if (key === 'properties' || key === '$defs') {
      for (const [name, inner] of Object.entries(sub as object)) {
        found.push(...unsupportedKeywords(inner, `${at}/${key}/${name}`));
      }
    } else if (typeof sub === 'object') found.push(...unsupportedKeywords(sub, `${at}/${key}`));
  }
  return found;
}

/** Errors listed at most; the rest are counted. */
export const MAX_LISTED_ERRORS = 50;

type Json = unknown;

interface Context {
  root: SchemaNode;
  errors: string[];
}

function node(value: unknown): SchemaNode {
  return typeof value === 'object' && value !== null ? (value as SchemaNode) : {};
}

function resolve(schema: SchemaNode, ctx: Context): SchemaNode {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const name = /^#\/\$defs\/([A-Za-z]+)$/.exec(ref)?.[1];
  const target = name === undefined ? undefined : node(ctx.root.$defs)[name];
  if (target === undefined) throw new Error(`schema: unresolvable $ref ${ref}`);
  return resolve(node(target), ctx);
}

function jsonType(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function expected(schema: SchemaNode): string {
  const text = schema['x-expected'];
  if (typeof text === 'string') return text;
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => `'${v}'`).join(', ')}`;
  return `a value of type ${String(schema.type)}`;
}

function fail(ctx: Context, path: FieldPath, message: string): void {
  ctx.errors.push(path.line(message));
}

/** The branch of an anyOf/oneOf meant for `value`: by its `kind`, else by JSON type. */
function branchFor(branches: SchemaNode[], value: Json, ctx: Context): SchemaNode | undefined {
  const resolved = branches.map((b) => resolve(b, ctx));
  const kind = (value as { kind?: unknown } | null)?.kind;
  const byKind = resolved.filter((b) => node(node(b.properties).kind).const !== undefined);
  if (byKind.length === resolved.length && jsonType(value) === 'object') {
    return byKind.find((b) => node(node(b.properties).kind).const === kind);
  }
  const type = jsonType(value);
  return resolved.find((b) => {
    const t = b.type ?? resolve(node(node(b.allOf as unknown[])[0]), ctx).type;
    return t === type || (t === 'number' && type === 'integer');
  });
}

function checkAlternatives(
  schema: SchemaNode,
  branches: SchemaNode[],
  value: Json,
  path: FieldPath,
  ctx: Context,
): void {
  const branch = branchFor(branches, value, ctx);
  const kinds = branches.map((b) => node(node(resolve(b, ctx).properties).kind).const);
  if (branch !== undefined) {
    check(branch, value, path, ctx);
  } else if (jsonType(value) === 'object' && kinds.every((k) => typeof k === 'string')) {
    const list = kinds.map((k) => `'${k}'`).join(', ');
    const kind = show((value as { kind?: unknown }).kind);
    fail(ctx, path.at('kind'), `expected one of ${list}, got ${kind}`);
  } else {
    fail(ctx, path, `expected ${expected(schema)}, got ${show(value)}`);
  }
}

function checkObject(
  schema: SchemaNode,
  value: Record<string, Json>,
  path: FieldPath,
  ctx: Context,
): void {
  const properties = node(schema.properties);
  const names = Object.keys(properties);
  if (schema.additionalProperties === false) {
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(properties, key)) {
        fail(ctx, path.at(key), `unknown field (allowed here: ${names.join(', ')})`);
      }
    }
  }
  for (const key of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
    if (value[key] === undefined) {
      const field = properties[key] === undefined ? {} : resolve(node(properties[key]), ctx);
      fail(ctx, path.at(key), `expected ${expected(field)}, got nothing`);
    }
  }
  for (const [key, sub] of Object.entries(properties)) {
    if (value[key] !== undefined) check(node(sub), value[key], path.at(key), ctx);
  }
}

function checkScalar(schema: SchemaNode, value: Json, path: FieldPath, ctx: Context): boolean {
  if (schema.const !== undefined && value !== schema.const) {
    fail(ctx, path, `expected ${show(schema.const)}, got ${show(value)}`);
    return false;
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    fail(ctx, path, `expected ${expected(schema)}, got ${show(value)}`);
    return false;
  }
  const tooSmall =
    typeof schema.minimum === 'number' && typeof value === 'number' && value < schema.minimum;
  const tooLarge =
    typeof schema.maximum === 'number' && typeof value === 'number' && value > schema.maximum;
  const short =
    typeof schema.minLength === 'number' &&
    typeof value === 'string' &&
    value.length < schema.minLength;
  const unmatched =
    typeof schema.pattern === 'string' &&
    typeof value === 'string' &&
    !new RegExp(schema.pattern, 'u').test(value);
  if (tooSmall || tooLarge || short || unmatched) {
    fail(ctx, path, `expected ${expected(schema)}, got ${show(value)}`);
    return false;
  }
  return true;
}

function checkArray(schema: SchemaNode, items: Json[], path: FieldPath, ctx: Context): void {
  if (typeof schema.minItems === 'number' && items.length < schema.minItems) {
    fail(ctx, path, `expected ${expected(schema)}, got []`);
    return;
  }
  if (schema.items === undefined) return;
  for (const [i, item] of items.entries()) check(node(schema.items), item, path.index(i), ctx);
}

function check(raw: SchemaNode, value: Json, path: FieldPath, ctx: Context): void {
  const schema = resolve(raw, ctx);
  for (const keyword of Object.keys(schema)) {
    if (!KEYWORDS.has(keyword)) throw new Error(`schema: unsupported keyword ${keyword}`);
  }
  for (const part of Array.isArray(schema.allOf) ? (schema.allOf as SchemaNode[]) : []) {
    check(part, value, path, ctx);
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) {
    checkAlternatives(schema, alternatives as SchemaNode[], value, path, ctx);
    return;
  }
  const type = schema.type;
  const actual = jsonType(value);
  if (type !== undefined && type !== actual && !(type === 'number' && actual === 'integer')) {
    fail(ctx, path, `expected ${expected(schema)}, got ${show(value)}`);
  } else if (checkScalar(schema, value, path, ctx)) {
    if (actual === 'object') checkObject(schema, value as Record<string, Json>, path, ctx);
    else if (actual === 'array') checkArray(schema, value as Json[], path, ctx);
  }
}

/**
 * Every error of `value` against `schema`, in document order, each one line prefixed by
 * `origin` (e.g. the file name). Empty when the value is valid.
 */
export function schemaErrors(schema: SchemaNode, value: Json, origin: string): string[] {
  const ctx: Context = { root: schema, errors: [] };
  check(schema, value, new FieldPath(origin), ctx);
  // allOf may check a field twice (a bare list's scenarios repeat spec and section).
  return [...new Set(ctx.errors)];
}
