// Every XML part of the ODS and ODT exports validated against the OASIS ODF 1.2 RelaxNG schemas
// (vendored in tests/report/odf-schema with their notice), with xmllint --relaxng from Debian's
// libxml2-utils. Skipped, by name, where xmllint is not installed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { annualReport, exportAnnual, flatDocument, renderDocument } from '../../src/report';
import { REALISTIC_UNITS, realisticYear } from './realisticYear';
import { NINETY, record } from './fixtures';

const hasXmllint = spawnSync('sh', ['-c', 'command -v xmllint'], { encoding: 'utf8' }).status === 0;
const SCHEMA = join(__dirname, 'odf-schema', 'OpenDocument-v1.2-os-schema.rng');
const MANIFEST = join(__dirname, 'odf-schema', 'OpenDocument-v1.2-os-manifest-schema.rng');
const dir = mkdtempSync(join(tmpdir(), 'courtesy-rng-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const records = [...realisticYear(), record({ id: 'bait', unitId: '', unitName: '=1+2 斗六辦事處', answers: NINETY, testedAt: '2026-06-01T10:00:00+08:00' })];
const report = () => annualReport({ rocYear: 115, records, units: REALISTIC_UNITS, asOf: '2027-01-05T00:00:00+08:00' });

function validate(bytes: Uint8Array, name: string): void {
  const files = unzipSync(bytes);
  const parts = Object.keys(files).filter((p) => p.endsWith('.xml'));
  expect(parts).toEqual(expect.arrayContaining(['content.xml', 'styles.xml', 'meta.xml', 'META-INF/manifest.xml']));
  for (const part of parts) {
    const file = join(dir, `${name}-${part.replace(/\//g, '_')}`);
    writeFileSync(file, files[part]);
    const run = spawnSync('xmllint', ['--noout', '--relaxng', part === 'META-INF/manifest.xml' ? MANIFEST : SCHEMA, file], { encoding: 'utf8' });
    expect(run.status, `${name} ${part}: ${run.stderr}`).toBe(0);
    expect(run.stderr).toContain('validates');
  }
}

describe.skipIf(!hasXmllint)('ODF parts validate against the OASIS ODF 1.2 RelaxNG schema (xmllint --relaxng; skipped without libxml2-utils)', () => {
  it.each(['ods', 'odt'] as const)('annual report %s (zh and en)', (format) => {
    validate(exportAnnual(report(), format, 'zh').bytes, `annual-zh.${format}`);
    validate(exportAnnual(report(), format, 'en').bytes, `annual-en.${format}`);
  });

  it('the flat per-test ODS', () => {
    const doc = flatDocument({ rocYear: 115, records, units: REALISTIC_UNITS, asOf: '2027-01-05T00:00:00+08:00' });
    validate(renderDocument(doc, 'ods', 'x', 'x').bytes, 'flat.ods');
  });
});
