// Which parts of the form one item's controls read while drawing, so that a tap redraws only the
// items it changed: a tap on 1.3.1 changes its own answer, the subtotals and perhaps what a rule
// blocks elsewhere, and leaves the other forty items as they were (bench: interaction, tap → total).
//
// The item's components see the form through `api`, which records every read (an answer, a result,
// an exclusion, what `blocked` said of a choice). `unchanged(next)` asks the same questions of the
// next form: the same answers mean the item would draw the same, so it is skipped. Reads made later
// (in an event handler) go to the newest form (`follow`), never to a stale one.
import type { Applicability } from '../../scoresheet';
import type { FormApi } from './formContext';

/** Answers and results are fresh objects after every save; what matters is their value. */
const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

export interface TrackedForm {
  api: FormApi;
  /** The same, with every control disabled (an item the rules rule out but still count as 0). */
  readOnlyApi(): FormApi;
  unchanged(next: FormApi): boolean;
  follow(next: FormApi): void;
}

/** A record of the keys read from one of the form's per-item tables (answers, results). */
function trackedTable<T extends object>(read: () => T, onRead: (key: string, value: unknown) => void, onWhole: () => void): T {
  return new Proxy({} as T, {
    get: (_, key) => {
      const table = read() as Record<PropertyKey, unknown>;
      if (typeof key === 'string') onRead(key, table[key]);
      return table[key];
    },
    has: (_, key) => {
      const table = read() as Record<PropertyKey, unknown>;
      if (typeof key === 'string') onRead(key, table[key]);
      return key in table;
    },
    // Listing every key depends on every answer: such an item redraws whenever the form changes.
    ownKeys: () => {
      onWhole();
      return Reflect.ownKeys(read());
    },
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(read(), key);
      return d && { ...d, configurable: true };
    },
  });
}

export function trackForm(form: FormApi): TrackedForm {
  let current = form;
  let whole = false;
  const checks: ((next: FormApi) => boolean)[] = [];
  const onWhole = () => void (whole = true);
  const answers = trackedTable(
    () => current.answers,
    (key, value) => checks.push((n) => same(n.answers[key], value)),
    onWhole,
  );
  const results = trackedTable(
    () => current.results,
    (key, value) => checks.push((n) => same(n.results[key], value)),
    onWhole,
  );
  const exclusions = {
    get(key: string) {
      const value = current.exclusions.get(key);
      checks.push((n) => same(n.exclusions.get(key), value));
      return value;
    },
    has(key: string) {
      const value = current.exclusions.has(key);
      checks.push((n) => n.exclusions.has(key) === value);
      return value;
    },
    get size() {
      whole = true;
      return current.exclusions.size;
    },
    forEach(...args: Parameters<Map<string, Applicability>['forEach']>) {
      whole = true;
      current.exclusions.forEach(...args);
    },
    [Symbol.iterator]() {
      whole = true;
      return current.exclusions[Symbol.iterator]();
    },
  } as unknown as Map<string, Applicability>;
  const scalar = <K extends 'testId' | 'sheet' | 'readOnly' | 'attempts'>(key: K): FormApi[K] => {
    const value = current[key];
    checks.push((n) => same(n[key], value));
    return value;
  };
  const api: FormApi = {
    get testId() {
      return scalar('testId');
    },
    get sheet() {
      return scalar('sheet');
    },
    get readOnly() {
      return scalar('readOnly');
    },
    get attempts() {
      return scalar('attempts');
    },
    answers,
    results,
    exclusions,
    blocked(item, value) {
      const said = current.blocked(item, value);
      checks.push((n) => same(n.blocked(item, value), said));
      return said;
    },
    setAnswer: (item, value) => current.setAnswer(item, value),
    addAttempt: (outcome) => current.addAttempt(outcome),
  };
  return {
    api,
    // The getters above never use `this`, so an object on top of `api` changes only readOnly.
    readOnlyApi: () => Object.create(api, { readOnly: { value: true, enumerable: true } }) as FormApi,
    unchanged: (next) => next === form || (!whole && checks.every((check) => check(next))),
    follow: (next) => void (current = next),
  };
}
