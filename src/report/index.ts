// Reports: quarterly review, item losses, trend, test plan, annual report and its exports.
// Everything here is pure except source.ts, which reads through an injected Store.
export * from './exact';
export * from './grades';
export * from './stats';
export * from './units';
export * from './losses';
export * from './plan';
export * from './review';
export * from './annual';
export * from './document';
export * from './export';
export { annualHtml, reviewHtml, htmlEscape, HTML_MEDIA_TYPE } from './export/html';
export { neutralise, xmlEscape } from './export/safe';
export * from './asOf';
export * from './figures';
export * from './followUp';
export * from './calibration';
export { flatDocument } from './flat';
