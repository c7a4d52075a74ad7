// Text that goes into a cell or an XML file. A spreadsheet runs a cell that begins with = + - @
// (and, in some, a tab or carriage return) as a formula: a tester's typed unit name or an
// answerer's surname like =HYPERLINK(...) must arrive as plain text, so such text gets a leading
// apostrophe and is always written as a string cell, never as a formula or a number.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

// XML 1.0 cannot carry most control characters at all; drop them rather than write a broken file.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A cell's text, neutralised then escaped: what every spreadsheet and table cell writes. */
export function cellXml(text: string): string {
  return xmlEscape(neutralise(text));
}

export const encodeUtf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
