// Grade bands (優 甲 乙 丙 丁). An admin may edit them, so they are a setting, validated here.
// A band applies to the EXACT average: 89.5 is 甲, because 優 starts at 90 and 89.5 < 90 (we
// never round before grading; rounding is for display only).
import { compare, fraction, type Fraction } from './exact';

export interface GradeBand {
  grade: string;
  /** The lowest exact average (inclusive) that earns this grade. */
  min: number;
}

export interface GradeBands {
  bands: GradeBand[];
}

export const GRADE_SETTING = 'report.grades';

export const DEFAULT_GRADES: GradeBands = {
  bands: [
    { grade: '優', min: 90 },
    { grade: '甲', min: 80 },
    { grade: '乙', min: 70 },
    { grade: '丙', min: 60 },
    { grade: '丁', min: 0 },
  ],
};

/** The grade of an exact average; null for no tests. */
export function gradeOf(average: Fraction | null, bands: GradeBands = DEFAULT_GRADES): string | null {
  if (!average) return null;
  for (const band of bands.bands) if (compare(average, fraction(band.min)) >= 0) return band.grade;
  return bands.bands[bands.bands.length - 1]?.grade ?? null;
}

/** Check an edited setting; the error names the field and the rule. */
export function validateGrades(input: unknown): { ok: true; value: GradeBands } | { ok: false; error: string } {
  const bands = (input as { bands?: unknown } | null)?.bands;
  if (!Array.isArray(bands) || bands.length < 2 || bands.length > 10) {
    return { ok: false, error: 'bands: must be a list of 2 to 10 {grade, min} entries' };
  }
  const seen = new Set<string>();
  const out: GradeBand[] = [];
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i] as { grade?: unknown; min?: unknown } | null;
    const grade = typeof b?.grade === 'string' ? b.grade.trim() : '';
    if (!grade || grade.length > 10) return { ok: false, error: `bands[${i}].grade: must be a non-empty text of at most 10 characters` };
    if (seen.has(grade)) return { ok: false, error: `bands[${i}].grade: "${grade}" appears twice` };
    seen.add(grade);
    const min = b?.min;
    if (typeof min !== 'number' || !Number.isFinite(min) || min < 0 || min > 100) {
      return { ok: false, error: `bands[${i}].min: must be a number from 0 to 100` };
    }
    if (i > 0 && !(min < out[i - 1].min)) return { ok: false, error: `bands[${i}].min: must be lower than bands[${i - 1}].min (highest band first)` };
    out.push({ grade, min });
  }
  if (out[out.length - 1].min !== 0) return { ok: false, error: `bands[${out.length - 1}].min: the lowest band must start at 0 so every score has a grade` };
  return { ok: true, value: { bands: out } };
}

/** "90 分以上" / "80–89.99…" style ranges for a legend: 優 ≥ 90, 甲 80 – < 90, … */
export function bandRanges(bands: GradeBands): { grade: string; min: number; below?: number }[] {
  return bands.bands.map((b, i) => ({ grade: b.grade, min: b.min, below: i === 0 ? undefined : bands.bands[i - 1].min }));
}
