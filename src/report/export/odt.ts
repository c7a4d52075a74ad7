// The annual report as an ODF text document (.odt): the sentence and the tables, ready to paste
// into 執行績效與成果.
import type { ReportDocument } from '../document';
import { NS, odfPackage, odfTable, odfText } from './odf';
import { xmlEscape } from './safe';

export const ODT_MEDIA_TYPE = 'application/vnd.oasis.opendocument.text';

export function renderOdt(doc: ReportDocument): Uint8Array {
  const styles =
    '<office:automatic-styles>' +
    '<style:style style:name="ceHead" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.05cm"/><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>' +
    '</office:automatic-styles>';
  const parts: string[] = [`<text:h text:outline-level="1">${xmlEscape(doc.title)}</text:h>`];
  for (const p of doc.paragraphs) parts.push(`<text:p>${odfText(p)}</text:p>`);
  for (const t of doc.tables) {
    parts.push(`<text:h text:outline-level="2">${xmlEscape(t.title)}</text:h>`);
    parts.push(odfTable(t, 'ceHead'));
    parts.push('<text:p/>');
  }
  const content = `<office:document-content ${NS} office:version="1.2">${styles}<office:body><office:text>\n${parts.join('\n')}\n</office:text></office:body></office:document-content>`;
  return odfPackage(ODT_MEDIA_TYPE, content, doc);
}
