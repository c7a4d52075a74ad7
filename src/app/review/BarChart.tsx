// A horizontal bar chart as inline SVG, for where a head would rather look than read (item losses,
// the grade distribution). The figures are always also in the table beside it (for screen readers
// and for copying); each bar carries its value in text, so neither colour nor length alone is the cue.
// The view box is phone-sized (320 units wide) and the chart is drawn no wider than 30rem, so 12-unit
// labels are at least 12 px on a 390 px phone and never grow past about 16 px on a desktop.
import { useId } from 'react';

export const CHART_WIDTH = 320;
export const LABEL_SIZE = 12;
const ROW = 30;
const LABEL_W = 96;
const VALUE_W = 72;

export interface Bar {
  key: string;
  label: string;
  value: number;
  valueText: string;
}

export function BarChart(props: { title: string; description: string; bars: Bar[]; max?: number }) {
  const id = useId();
  const max = props.max ?? Math.max(1, ...props.bars.map((b) => b.value));
  const plot = CHART_WIDTH - LABEL_W - VALUE_W;
  const height = props.bars.length * ROW + 8;
  return (
    <svg viewBox={`0 0 ${CHART_WIDTH} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="rv-chart rv-bars">
      <title id={`${id}-t`}>{props.title}</title>
      <desc id={`${id}-d`}>{props.description}</desc>
      {props.bars.map((b, i) => {
        const y = 4 + i * ROW;
        const w = Math.max(0, (b.value / max) * plot);
        return (
          <g key={b.key}>
            <text x={LABEL_W - 6} y={y + 19} textAnchor="end" fontSize={LABEL_SIZE} fill="#111">
              {b.label.length > 10 ? `${b.label.slice(0, 9)}…` : b.label}
            </text>
            <rect x={LABEL_W} y={y + 5} width={w} height={18} fill="#1a4f8b" />
            <rect x={LABEL_W} y={y + 5} width={plot} height={18} fill="none" stroke="#999" strokeWidth="1" />
            <text x={LABEL_W + plot + 6} y={y + 19} fontSize={LABEL_SIZE} fill="#111">
              {b.valueText}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
