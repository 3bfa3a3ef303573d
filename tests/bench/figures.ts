/** One measured figure of the benchmark suite, with its target. */
export interface BenchFigure {
  part: string;
  name: string;
  value: number;
  unit: string;
  target: number | null;
  better: 'lower' | 'higher';
  /** The reference server's figure in the same run, when there is one. */
  reference?: number;
}

export function meetsTarget(figure: BenchFigure): boolean | null {
  if (figure.target === null) return null;
  return figure.better === 'lower' ? figure.value <= figure.target : figure.value >= figure.target;
}
