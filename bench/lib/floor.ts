// The floor for load and interaction figures: the same sheet text the app shows, as one static HTML
// page. Cold LCP of this page is the best any app could do on the same network and CPU, so every
// app figure is reported as a ratio to it, measured in the same run.
import { currentSheet, walkSheet, type ItemNode, type Sheet } from '../../src/scoresheet';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function choices(node: ItemNode): string[] {
  switch (node.kind) {
    case 'switch':
      return [node.yes.zh, node.no.zh];
    case 'check':
      return node.na ? [node.na.label.zh] : [];
    case 'options':
      return [...node.options.map((o) => o.label.zh), ...(node.na ? [node.na.label.zh] : [])];
    case 'band':
      return node.bands.map((b) => b.label.zh);
    case 'variantBand':
      return node.variants.flatMap((v) => [v.label.zh, ...v.bands.map((b) => b.label.zh)]);
    case 'timing':
      return [...node.outcomes.map((o) => o.label.zh), ...node.measures.map((m) => `${m.label.zh}（${m.unit.zh}）`)];
  }
}

/** The sheet's text as a plain page. With `interactive`, a few lines of inline script update a total. */
export function floorHtml(sheet: Sheet = currentSheet, interactive = false): string {
  const body: string[] = [`<h1>${esc(sheet.header.annex.zh)}${esc(sheet.title.zh)}</h1>`];
  for (const key of ['unit', 'testedAt', 'switchboardNumber', 'answererSurname', 'extension']) {
    body.push(`<p>${esc(sheet.header[key]?.zh ?? key)}：＿＿＿＿</p>`);
  }
  body.push(`<p id="total">${esc(sheet.header.total.zh)}：<output>0</output></p>`);
  for (const { node, depth } of walkSheet(sheet)) {
    const tag = node.kind === 'group' ? `h${Math.min(depth + 2, 6)}` : 'p';
    body.push(`<${tag}>${esc(node.label.zh)}</${tag}>`);
    if (node.kind === 'group') continue;
    if (node.kind === 'check') {
      body.push(`<label><input type="checkbox" data-points="${node.points}"> ${esc(node.label.zh)}</label>`);
    }
    for (const choice of choices(node)) body.push(`<label><input type="radio" name="${esc(node.id)}"> ${esc(choice)}</label>`);
  }
  const script = interactive
    ? `<script>document.addEventListener('change',()=>{let t=0;for(const c of document.querySelectorAll('input[data-points]:checked'))t+=+c.dataset.points;document.querySelector('#total output').textContent=String(t)});</script>`
    : '';
  return `<!doctype html><html lang="zh-Hant-TW"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(sheet.title.zh)}</title><style>body{font:1rem/1.5 sans-serif;margin:0 1rem}label{display:block;min-height:44px}</style></head><body><main>${body.join('')}</main>${script}</body></html>`;
}
