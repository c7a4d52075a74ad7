// The unit list for the 受測單位 field: from the server when signed in, remembered for offline use.
// Without it the tester simply types the unit's name.
import { useEffect, useState } from 'react';
import { api } from '../api';
import { useSession } from '../session';
import { useDeviceStore } from '../state/deviceStore';

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

/**
 * Fetch the unit list and keep it for offline use. Called as soon as someone signs in, so a test
 * started offline later can still name its unit (the server refuses a completed test without one).
 */
export async function refreshUnitList(signal?: AbortSignal): Promise<Unit[] | undefined> {
  try {
    const list = await api<Unit[]>('/api/units', { signal });
    try {
      globalThis.localStorage?.setItem(CACHE_KEY, JSON.stringify(list));
    } catch {
      /* the list is a convenience; typing still works */
    }
    listeners.forEach((listener) => listener(list));
    // The device checks a test's unit against this list, as the server does at sync.
    await useDeviceStore.getState().device?.rememberUnits(list.map((u) => u.id)).catch(() => undefined);
    return list;
  } catch {
    return undefined;
  }
}

const listeners = new Set<(list: Unit[]) => void>();

export function useUnits(): Unit[] {
  const user = useSession((s) => s.user);
  const [units, setUnits] = useState<Unit[]>(cached);
  useEffect(() => {
    listeners.add(setUnits);
    return () => void listeners.delete(setUnits);
  }, []);
  useEffect(() => {
    if (!user) return;
    const abort = new AbortController();
    void refreshUnitList(abort.signal);
    return () => abort.abort();
  }, [user]);
  return units;
}
