// What a form (admin sections, plan settings, acknowledgements) tells the user about sending: the
// outcome (status), the server's refusal as text (error) and whether a request is under way (busy).
import { useCallback, useState } from 'react';
import { errorText } from './useLoad';

export function useSubmission() {
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
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
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }, []);

  return { status, setStatus, error, setError, busy, send };
}
