// Loads one report resource: data, loading, the server's error text, and a reload. A failure is
// shown as text (the server names the field and the rule), never thrown into React.
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api';

export interface Loaded<T> {
  data: T | undefined;
  loading: boolean;
  error: string | undefined;
  reload(): void;
}

export function useReportData<T>(path: string | null): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(path !== null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const abort = new AbortController();
    setLoading(true);
    api<T>(path, { signal: abort.signal })
      .then((value) => {
        if (abort.signal.aborted) return;
        setData(value);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setError(errorText(e));
      })
      .finally(() => {
        if (!abort.signal.aborted) setLoading(false);
      });
    return () => abort.abort();
  }, [path, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, loading, error, reload };
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError || e instanceof Error) return e.message;
  return String(e);
}
