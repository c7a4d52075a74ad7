// Every XML part of the ODS and ODT exports validated against the OASIS ODF 1.2 RelaxNG schemas
// (vendored in tests/report/odf-schema with their notice), with libxml2's own RelaxNG validator,
// compiled to WebAssembly in the libxml2-wasm registry package: no system package, never skipped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { RelaxNGValidator, XmlDocument, XmlValidateError } from 'libxml2-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { annualReport, exportAnnual, flatDocument, renderDocument } from '../../src/report';
import { REALISTIC_UNITS, realisticYear } from './realisticYear';
import { NINETY, record } from './fixtures';

const schemaOf = (name: string) => {
  const doc = XmlDocument.fromBuffer(readFileSync(join(__dirname, 'odf-schema', name)));
  return { doc, validator: RelaxNGValidator.fromDoc(doc) };
};
const SCHEMA = schemaOf('OpenDocument-v1.2-os-schema.rng');
const MANIFEST = schemaOf('OpenDocument-v1.2-os-manifest-schema.rng');
afterAll(() => {
  for (const s of [SCHEMA, MANIFEST]) {
    s.validator.dispose();
    s.doc.dispose();
  }
});

/** Why libxml2 refuses a part, or '' when it validates. */
function problems(part: Uint8Array, schema: typeof SCHEMA): string {
  const doc = XmlDocument.fromBuffer(part);
  try {
    schema.validator.validate(doc);
    return '';
  } catch (e) {
    if (e instanceof XmlValidateError) return e.details.map((d) => `${d.line}: ${d.message}`).join('\n') || e.message;
    throw e;
  } finally {
    doc.dispose();
  }
}

const records = [...realisticYear(), record({ id: 'bait', unitId: '', unitName: '=1+2 斗六辦事處', answers: NINETY, testedAt: '2026-06-01T10:00:00+08:00' })];
const report = () => annualReport({ rocYear: 115, records, units: REALISTIC_UNITS, asOf: '2027-01-05T00:00:00+08:00' });

function validate(bytes: Uint8Array, name: string): void {
  const files = unzipSync(bytes);
  const parts = Object.keys(files).filter((p) => p.endsWith('.xml'));
  expect(parts).toEqual(expect.arrayContaining(['content.xml', 'styles.xml', 'meta.xml', 'META-INF/manifest.xml']));
  for (const part of parts) expect(problems(files[part], part === 'META-INF/manifest.xml' ? MANIFEST : SCHEMA), `${name} ${part}`).toBe('');
}

describe('ODF parts validate against the OASIS ODF 1.2 RelaxNG schema (libxml2)', () => {
  it('the validator refuses a part that breaks the schema (it is really checking)', () => {
    const broken = new TextEncoder().encode('<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"><office:nonsense/></office:document-content>');
    expect(problems(broken, SCHEMA)).not.toBe('');
  });

  it.each(['ods', 'odt'] as const)('annual report %s (zh and en)', (format) => {
    validate(exportAnnual(report(), format, 'zh').bytes, `annual-zh.${format}`);
    validate(exportAnnual(report(), format, 'en').bytes, `annual-en.${format}`);
  });

  it('the flat per-test ODS', () => {
    const doc = flatDocument({ rocYear: 115, records, units: REALISTIC_UNITS, asOf: '2027-01-05T00:00:00+08:00' });
    validate(renderDocument(doc, 'ods', 'x', 'x').bytes, 'flat.ods');
  });
});
