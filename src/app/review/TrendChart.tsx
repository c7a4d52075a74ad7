// The eight-quarter trend as an inline SVG line chart of one unit against the agency, with a table
// of every unit beside it (the table is the accessible form of the same figures). Lines differ by
// dash pattern and marker shape and are labelled in text, so colour is never the only cue.
import { useId, useState } from 'react';
import type { Trend, TrendPoint } from '../../report/review';
import { useLang, useTr } from '../i18n';
import { dash, ScrollTable } from './common';

// Phone-sized view box (see BarChart): 12-unit labels stay at least 12 px on a 390 px phone.
const W = 320;
const H = 230;
const PAD = { left: 30, right: 12, top: 12, bottom: 58 };
const FONT = 12;

function segments(points: TrendPoint[], x: (i: number) => number, y: (v: number) => number): string[] {
  // A quarter without tests breaks the line: joining across it would invent a figure.
  const out: string[] = [];
  let current: string[] = [];
  points.forEach((p, i) => {
    if (p.average === null) {
      if (current.length) out.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(p.average).toFixed(1)}`);
  });
  if (current.length) out.push(current.join(' '));
  return out;
}

export function TrendChart(props: { trend: Trend }) {
  const tr = useTr();
  const lang = useLang();
  const id = useId();
  const { trend } = props;
  const [unitKey, setUnitKey] = useState(trend.units[0]?.unitKey ?? '');
  const unit = trend.units.find((u) => u.unitKey === unitKey) ?? trend.units[0];
  const all = [...trend.overall, ...(unit?.points ?? [])].map((p) => p.average).filter((v): v is number => v !== null);
  const low = Math.min(60, Math.floor(Math.min(...(all.length ? all : [60])) / 10) * 10);
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / Math.max(trend.quarters.length - 1, 1);
  const y = (v: number) => PAD.top + ((100 - v) * (H - PAD.top - PAD.bottom)) / (100 - low);
  const ticks = Array.from({ length: (100 - low) / 10 + 1 }, (_, i) => low + i * 10);
  // Two lines under each point: the quarter, and the ROC year where a year begins (and at the start).
  const quarterOfKey = (key: string) => `Q${key.slice(-1)}`;
  const yearOfKey = (key: string, i: number) => (i === 0 || key.endsWith('Q1') ? (lang === 'zh' ? `${key.split('-')[0]}年` : key.split('-')[0]) : '');
  const agency = tr({ zh: '全局', en: 'Agency' });

  return (
    <section aria-labelledby={`${id}-h`} className="rv-trend">
      <h2 id={`${id}-h`}>{tr({ zh: '近八季趨勢', en: 'Trend over eight quarters' })}</h2>
      {trend.units.length > 1 && (
        <div className="rv-field">
          <label htmlFor={`${id}-unit`}>{tr({ zh: '圖表顯示單位', en: 'Unit in the chart' })}</label>
          <select id={`${id}-unit`} value={unit?.unitKey} onChange={(e) => setUnitKey(e.target.value)}>
            {trend.units.map((u) => (
              <option key={u.unitKey} value={u.unitKey}>
                {u.unitName}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="rv-trend-body">
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="rv-chart">
          <title id={`${id}-t`}>{tr({ zh: `${unit?.unitName ?? ''}與全局平均分數趨勢`, en: `Average score: ${unit?.unitName ?? ''} and the agency` })}</title>
          <desc id={`${id}-d`}>{tr({ zh: '實線圓點為單位，虛線方點為全局；數值詳見旁表。', en: 'Solid line with dots: the unit; dashed line with squares: the agency. Figures in the table.' })}</desc>
          {ticks.map((t) => (
            <g key={t}>
              <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#ccc" strokeWidth="1" />
              <text x={PAD.left - 4} y={y(t) + 4} textAnchor="end" fontSize={FONT} fill="#222">
                {t}
              </text>
            </g>
          ))}
          {trend.quarters.map((q, i) => (
            <g key={q}>
              <text x={x(i)} y={H - PAD.bottom + 16} textAnchor="middle" fontSize={FONT} fill="#222">
                {quarterOfKey(q)}
              </text>
              <text x={x(i)} y={H - PAD.bottom + 30} textAnchor="middle" fontSize={FONT} fill="#222">
                {yearOfKey(q, i)}
              </text>
            </g>
          ))}
          {segments(trend.overall, x, y).map((pts, i) => (
            <polyline key={`o${i}`} points={pts} fill="none" stroke="#555" strokeWidth="2" strokeDasharray="6 4" />
          ))}
          {trend.overall.map((p, i) =>
            p.average === null ? null : <rect key={`or${i}`} x={x(i) - 4} y={y(p.average) - 4} width="8" height="8" fill="#555" />,
          )}
          {unit &&
            segments(unit.points, x, y).map((pts, i) => <polyline key={`u${i}`} points={pts} fill="none" stroke="#1a4f8b" strokeWidth="3" />)}
          {unit?.points.map((p, i) => (p.average === null ? null : <circle key={`uc${i}`} cx={x(i)} cy={y(p.average)} r="5" fill="#1a4f8b" />))}
          <g fontSize={FONT} fill="#111">
            <line x1={PAD.left} x2={PAD.left + 24} y1={H - 8} y2={H - 8} stroke="#1a4f8b" strokeWidth="3" />
            <circle cx={PAD.left + 12} cy={H - 8} r="4" fill="#1a4f8b" />
            <text x={PAD.left + 30} y={H - 4}>
              {(unit?.unitName ?? '').slice(0, 12)}
            </text>
            <line x1={PAD.left + 180} x2={PAD.left + 204} y1={H - 8} y2={H - 8} stroke="#555" strokeWidth="2" strokeDasharray="6 4" />
            <rect x={PAD.left + 188} y={H - 12} width="8" height="8" fill="#555" />
            <text x={PAD.left + 210} y={H - 4}>
              {agency}
            </text>
          </g>
        </svg>
        <ScrollTable captionId={`${id}-cap`} caption={tr({ zh: '各季平均分數（人次）', en: 'Average score per quarter (tests)' })}>
          <thead>
            <tr>
              <th scope="col">{tr({ zh: '季別', en: 'Quarter' })}</th>
              {trend.units.map((u) => (
                <th scope="col" key={u.unitKey}>
                  {u.unitName}
                </th>
              ))}
              <th scope="col">{agency}</th>
            </tr>
          </thead>
          <tbody>
            {trend.quarters.map((q, i) => (
              <tr key={q}>
                <th scope="row">{trend.labels[i][lang]}</th>
                {trend.units.map((u) => (
                  <td key={u.unitKey}>{cellText(u.points[i])}</td>
                ))}
                <td>{cellText(trend.overall[i])}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      </div>
    </section>
  );
}

const cellText = (p: TrendPoint) => (p.testCount ? `${p.averageText}（${p.testCount}）` : dash(''));
