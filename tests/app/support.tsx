// Shared set-up for the app's DOM tests: a real Device on fake-indexeddb, the whole App rendered,
// and helpers that find controls the way a tester does, by the sheet's own texts.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { act, configure, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { App } from '../../src/app/App';
import { openDevice, type Device } from '../../src/device';
import { useDeviceStore } from '../../src/app/state/deviceStore';
import { useTestStore } from '../../src/app/state/testStore';
import { useLangStore } from '../../src/app/i18n';
import { currentSheet, findNode, type Answers, type Text } from '../../src/scoresheet';
import { specExampleAnswers } from '../support/answers';

// Lazy screens compile on first use; on a busy 2-core machine that can take seconds.
configure({ asyncUtilTimeout: 15_000 });

/** One IndexedDB "disk" per test file; each test opens its own database name on it. */
export const idb = new IDBFactory();

let dbCount = 0;
export function freshDbName(): string {
  return `app-test-${Date.now()}-${dbCount++}`;
}

export async function openOn(name: string): Promise<Device> {
  return openDevice(name, { indexedDB: idb, IDBKeyRange });
}

/** Open the app on database `name` at `hash`, as the browser entry does. */
export async function startApp(name: string, hash = '#/') {
  window.location.hash = hash;
  useLangStore.getState().setLang('zh');
  const view = render(<App />);
  await act(() => useDeviceStore.getState().init(() => openOn(name)));
  return view;
}

/** Unmount and forget everything in memory, as a reload would. */
export function stopApp(view: { unmount(): void }): void {
  view.unmount();
  useDeviceStore.getState().device?.close();
  useDeviceStore.getState().reset();
  useTestStore.setState({ test: null, openedId: null, pending: 0, loading: false, live: {}, undo: null });
}

export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function zhLabel(id: string): string {
  const node = findNode(currentSheet, id);
  if (!node) throw new Error(`no node ${id}`);
  return node.label.zh;
}

/** The fieldset whose legend is the item's sheet text. */
export function itemGroup(id: string): HTMLElement {
  return screen.getByRole('group', { name: zhLabel(id) });
}

/** A radio inside an item's group, found by (the start of) its label text. */
export function choice(id: string, label: string | Text): HTMLElement {
  const text = typeof label === 'string' ? label : label.zh;
  return within(itemGroup(id)).getByRole('radio', { name: new RegExp(`^${escapeRe(text)}`) });
}

/** Wait for saved writes to reach IndexedDB. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 50 && useTestStore.getState().pending > 0; i++) {
    await act(() => new Promise((r) => setTimeout(r, 10)));
  }
}

/** WCAG 2.1 A/AA checks over a container; returns readable violations. */
export async function axeViolations(container: Element): Promise<string[]> {
  const result = await axe.run(container, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    // jsdom cannot compute colours or layout; contrast is checked in the browser (e2e).
    rules: { 'color-contrast': { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The scoring spec's example: complete, 79 points. */
export const EXAMPLE: Answers = specExampleAnswers();

