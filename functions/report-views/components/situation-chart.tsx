import type { Situation } from '../../core/reconcile/situation.js';
import { formatCount, SITUATION_LABEL } from './format.js';

const BAR_HEIGHT = 22;
const GAP = 6;
const LABEL_WIDTH = 170;
const BAR_WIDTH = 360;
const COUNT_WIDTH = 80;

/**
 * Accounts per situation as an inline SVG bar chart: no script, no external resource. The chart is
 * an image to assistive technology, with the numbers in its label and visible beside each bar.
 */
export function SituationChart({ counts }: { counts: { situation: Situation; count: number }[] }) {
  const max = Math.max(1, ...counts.map((c) => c.count));
  const height = counts.length * (BAR_HEIGHT + GAP);
  const summary = counts.map((c) => `${SITUATION_LABEL[c.situation]}: ${c.count}`).join(', ');
  return (
    <svg
      class="chart"
      role="img"
      aria-label={`Accounts per situation. ${summary}`}
      viewBox={`0 0 ${LABEL_WIDTH + BAR_WIDTH + COUNT_WIDTH} ${height}`}
      width={LABEL_WIDTH + BAR_WIDTH + COUNT_WIDTH}
      height={height}
    >
      <title>Accounts per situation</title>
      {counts.map((c, i) => {
        const y = i * (BAR_HEIGHT + GAP);
        const width = c.count === 0 ? 0 : Math.max(2, Math.round((c.count / max) * BAR_WIDTH));
        return (
          <g key={c.situation} class={`bar situation-${c.situation}`}>
            <text x={LABEL_WIDTH - 8} y={y + BAR_HEIGHT * 0.7} text-anchor="end">
              {SITUATION_LABEL[c.situation]}
            </text>
            <rect x={LABEL_WIDTH} y={y} width={width} height={BAR_HEIGHT} rx="3" />
            <text x={LABEL_WIDTH + width + 6} y={y + BAR_HEIGHT * 0.7}>
              {formatCount(c.count)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
