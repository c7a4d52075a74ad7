// The annual report as an ODF spreadsheet (.ods), one sheet per table: the default export.
import type { ReportDocument } from '../document';
import { NS, odfPackage, odfTable } from './odf';

export const ODS_MEDIA_TYPE = 'application/vnd.oasis.opendocument.spreadsheet';

export function renderOds(doc: ReportDocument): Uint8Array {
  const styles = '<office:automatic-styles><style:style style:name="ceHead" style:family="table-cell"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style></office:automatic-styles>';
  const body = doc.tables.map((t) => odfTable(t, 'ceHead')).join('\n');
  const content = `<office:document-content ${NS} office:version="1.2">${styles}<office:body><office:spreadsheet>\n${body}\n</office:spreadsheet></office:body></office:document-content>`;
  return odfPackage(ODS_MEDIA_TYPE, content, doc);
}
