// Whether every tap is on the device yet, for the banners above every screen. A store of its own so
// the first screen does not load the sheet, its rules and the test store just to show 「儲存中」.
import { create } from 'zustand';

export const useSaveState = create<{ pending: number }>(() => ({ pending: 0 }));
