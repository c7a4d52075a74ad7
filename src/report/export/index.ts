// One entry for every download of the annual report, shared by the HTTP route and the CLI so both
// write the same bytes for the same data.
import type { AnnualReport } from '../annual';
import { annualDocument, type Lang, type ReportDocument } from '../document';
import { CSV_MEDIA_TYPE, renderCsv } from './csv';
import { ODS_MEDIA_TYPE, renderOds } from './ods';
import { ODT_MEDIA_TYPE, renderOdt } from './odt';
import { XLSX_MEDIA_TYPE, renderXlsx } from './xlsx';

export const EXPORT_FORMATS = ['ods', 'odt', 'xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(x: unknown): x is ExportFormat {
  return typeof x === 'string' && (EXPORT_FORMATS as readonly string[]).includes(x);
}

export const MEDIA_TYPES: Record<ExportFormat, string> = {
  ods: ODS_MEDIA_TYPE,
  odt: ODT_MEDIA_TYPE,
  xlsx: XLSX_MEDIA_TYPE,
  csv: CSV_MEDIA_TYPE,
};

export interface ExportFile {
  bytes: Uint8Array;
  contentType: string;
  /** ASCII name for old clients; `fileNameZh` for Content-Disposition's filename*. */
  fileName: string;
  fileNameZh: string;
}

export function exportAnnual(report: AnnualReport, format: ExportFormat, lang: Lang = 'zh'): ExportFile {
  return renderDocument(annualDocument(report, lang), format, `courtesy-annual-${report.rocYear}`, `${report.rocYear}年電話禮貌測試執行成果`);
}

/** Any report document in any format, with its download names. */
export function renderDocument(doc: ReportDocument, format: ExportFormat, baseName: string, baseNameZh: string): ExportFile {
  const render = { ods: renderOds, odt: renderOdt, xlsx: renderXlsx, csv: renderCsv }[format];
  return { bytes: render(doc), contentType: MEDIA_TYPES[format], fileName: `${baseName}.${format}`, fileNameZh: `${baseNameZh}.${format}` };
}

/** Content-Disposition for a download, with the Chinese name for browsers that read filename*. */
export function contentDisposition(file: Pick<ExportFile, 'fileName' | 'fileNameZh'>): string {
  return `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileNameZh)}`;
}
