/**
 * A minimal XML 1.0 writer for the JUnit report: elements with attributes, text as CDATA.
 * Every string passes through {@link visible} first, so XML-illegal code points (NUL, ESC,
 * U+FFFE, lone surrogates) arrive as `\xNN`/`\uNNNN` escapes instead of breaking the file
 * or being dropped.
 */
import { visible, visibleCdata } from '../harness/wire/visible.ts';

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // A parser normalises a raw LF or TAB in an attribute to a space; references survive.
  '\n': '&#10;',
  '\t': '&#9;',
};

/** `text` as the value of a double-quoted attribute (line breaks kept as references). */
export function xmlAttribute(text: string): string {
  return visible(text).replace(/[&<>"\n\t]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

/** An XML node: an element with attributes, child elements and at most one CDATA text. */
export interface XmlElement {
  name: string;
  /** Written in this order; `undefined` values are left out. */
  attributes?: ReadonlyArray<readonly [string, string | number | undefined]>;
  children?: readonly XmlElement[];
  /** Text content, written as one CDATA section (empty: none). */
  text?: string;
}

function openTag(e: XmlElement): string {
  const attributes = (e.attributes ?? [])
    .filter((a): a is readonly [string, string | number] => a[1] !== undefined)
    .map(([name, value]) => ` ${name}="${xmlAttribute(String(value))}"`)
    .join('');
  return `<${e.name}${attributes}`;
}

/** `e` and its children as indented lines, two spaces per level. */
export function renderElement(e: XmlElement, depth = 0): string[] {
  const indent = '  '.repeat(depth);
  const head = `${indent}${openTag(e)}`;
  const children = e.children ?? [];
  const text = e.text === undefined || e.text === '' ? '' : `<![CDATA[${visibleCdata(e.text)}]]>`;
  if (children.length === 0 && text === '') return [`${head}/>`];
  if (children.length === 0) return [`${head}>${text}</${e.name}>`];
  return [
    `${head}>${text}`,
    ...children.flatMap((c) => renderElement(c, depth + 1)),
    `${indent}</${e.name}>`,
  ];
}

/** A whole document: the XML declaration, `root`, a final newline. */
export function renderXmlDocument(root: XmlElement): string {
  return `${['<?xml version="1.0" encoding="UTF-8"?>', ...renderElement(root)].join('\n')}\n`;
}
