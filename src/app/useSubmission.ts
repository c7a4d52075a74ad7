// What a form (admin sections, plan settings, acknowledgements) tells the user about sending: the
// outcome (status), the server's refusal as text (error) and whether a request is under way (busy).
import { useCallback, useState } from 'react';
import { errorText } from './useLoad';
import { ApiError } from './api';

export function useSubmission() {
  const [status, setStatus] = useState<string>();
  const [error, setErrorText] = useState<string>();
  /** The field the server named in its refusal (`{field}` of the 4xx body), to mark that control invalid. */
  const [errorField, setErrorField] = useState<string>();
  const setError = useCallback((text: string | undefined) => {
    setErrorText(text);
    if (text === undefined) setErrorField(undefined);
  }, []);
  const [busy, setBusy] = useState(false);

  /**
   * Runs one request with the form busy. A failure becomes the error text (the server names the
   * field and the rule) rather than an exception, so the section never crashes and keeps what was typed.
   */
  const send = useCallback(async (request: () => Promise<void>) => {
    setBusy(true);
    try {
      await request();
    } catch (e) {
      setErrorText(errorText(e));
      const field = e instanceof ApiError ? (e.body as { field?: unknown } | undefined)?.field : undefined;
      setErrorField(typeof field === 'string' ? field : undefined);
    } finally {
      setBusy(false);
    }
  }, []);

  return { status, setStatus, error, errorField, setError, busy, send };
}
