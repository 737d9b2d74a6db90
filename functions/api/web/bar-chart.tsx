/** One bar: its value, or null for a group with nothing to measure (no bar, `none` said instead). */
export type Bar = { label: string; n: number | null; colour?: string };

const ROW = 36;
const LABEL_WIDTH = 260;
const BAR_MAX = 360;
const LABEL_CHARS = 36;

/**
 * Horizontal bars drawn on the server, for every report page. Screen readers get the title and a
 * description with every value (with its `unit` in words); the same numbers are in the table beside it.
 */
export function BarChart({
  id,
  title,
  bars,
  unit,
  none = 'none',
}: {
  id: string;
  title: string;
  bars: Bar[];
  /** Said after each value in the description, e.g. "hires per 100 put forward". */
  unit?: string;
  /** Said, and drawn, for a bar whose value is null. */
  none?: string;
}) {
  const max = Math.max(1, ...bars.map((b) => b.n ?? 0));
  // Room after the longest bar for its value, or for the words said when there is none.
  const valueWidth = bars.some((b) => b.n === null) ? 150 : 60;
  const width = LABEL_WIDTH + BAR_MAX + valueWidth;
  const height = Math.max(1, bars.length) * ROW + 10;
  const said = (b: Bar) => (b.n === null ? none : unit ? `${b.n} ${unit}` : String(b.n));
  return (
    <div class="govuk-body">
      <svg
        class="rw-chart"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        width={String(width)}
        height={String(height)}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>
          {bars.length ? `${bars.map((b) => `${b.label}: ${said(b)}`).join('; ')}.` : 'Nothing in this period.'}
        </desc>
        {bars.map((b, i) => {
          const y = i * ROW + 5;
          const w = !b.n ? 0 : Math.max(2, Math.round((b.n / max) * BAR_MAX));
          return (
            <g>
              <text x={String(LABEL_WIDTH - 10)} y={String(y + ROW / 2)} text-anchor="end" dominant-baseline="middle" fill="#0b0c0c">
                {b.label.length > LABEL_CHARS ? `${b.label.slice(0, LABEL_CHARS - 1)}…` : b.label}
              </text>
              <rect x={String(LABEL_WIDTH)} y={String(y + 6)} width={String(w)} height={String(ROW - 12)} fill={b.colour ?? '#1d70b8'} />
              <text x={String(LABEL_WIDTH + w + 8)} y={String(y + ROW / 2)} dominant-baseline="middle" fill="#0b0c0c" font-weight="bold">
                {b.n === null ? none : String(b.n)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
