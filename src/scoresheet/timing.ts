import type { Measure } from './types';

/**
 * Points for one timing measure: the printed rule "4 聲或 10 秒內 8 分；每增減一聲或 3 秒，即增減 1 分，
 * 最多 10 分" as data. Every started step past the reference costs a point; every whole step under
 * it earns one (scoring-rules.md rule 1).
 */
export function measurePoints(measure: Measure, value: number, max: number): number {
  const steps = Math.ceil((value - measure.reference) / measure.step);
  return Math.min(max, Math.max(0, measure.referencePoints - steps));
}
