// The list's scores come from the sheet and its evaluator, which load right after the first screen
// (a dynamic import): the list paints at once and the points appear a moment later.
import { useEffect, useState } from 'react';
import type { ShownScore } from './testScore';

type Scorer = (test: Parameters<typeof import('./testScore').scoreOf>[0]) => ShownScore;

let loaded: Scorer | undefined;
let loading: Promise<Scorer> | undefined;
// Started by the first list in the browser, never at import (the build's prerender imports this too).
const load = () => (loading ??= import('./testScore').then((m) => (loaded = m.scoreOf)));

export function useScorer(): Scorer | undefined {
  const [scorer, setScorer] = useState<Scorer | undefined>(() => loaded);
  useEffect(() => {
    if (!scorer) void load().then((s) => setScorer(() => s));
  }, [scorer]);
  return scorer;
}
