// Well-formedness check for the generated XML parts, with jsdom's XML parser (a real parser,
// not a regex): a broken part fails here as it would in LibreOffice or Excel.
import { createRequire } from 'node:module';

// jsdom ships no type declarations (and @types/jsdom is not installed): load it untyped.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new (html: string) => { window: { DOMParser: typeof DOMParser } } };
const { DOMParser: XmlParser } = new JSDOM('').window;

export function parseXml(xml: string): Document {
  const doc = new XmlParser().parseFromString(xml, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`not well-formed XML: ${error.textContent}`);
  return doc as unknown as Document;
}

/** Every element with this qualified name (e.g. "table:table-cell"), in document order. */
export function elements(doc: Document, qname: string): Element[] {
  return Array.from(doc.getElementsByTagName(qname));
}
