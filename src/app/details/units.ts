// The unit list for the 受測單位 field: from the server when signed in, remembered for offline use.
// Without it the tester simply types the unit's name.
import { useEffect, useState } from 'react';
import { api } from '../api';
import { useSession } from '../session';

export interface Unit {
  id: string;
  name: string;
  phone?: string;
}

const CACHE_KEY = 'courtesy.units';

function cached(): Unit[] {
  try {
    const raw = globalThis.localStorage?.getItem(CACHE_KEY);
    return raw ? (JSON.parse(raw) as Unit[]) : [];
  } catch {
    return [];
  }
}

export function useUnits(): Unit[] {
  const user = useSession((s) => s.user);
  const [units, setUnits] = useState<Unit[]>(cached);
  useEffect(() => {
    if (!user) return;
    const abort = new AbortController();
    api<Unit[]>('/api/units', { signal: abort.signal })
      .then((list) => {
        setUnits(list);
        try {
          globalThis.localStorage?.setItem(CACHE_KEY, JSON.stringify(list));
        } catch {
          /* the list is a convenience; typing still works */
        }
      })
      .catch(() => undefined);
    return () => abort.abort();
  }, [user]);
  return units;
}
