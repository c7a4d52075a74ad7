// @vitest-environment jsdom
// The axe helper must really find problems, or the zero-violation assertions prove nothing.
import { cleanup, render } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { wcagViolations } from './axe';

afterEach(cleanup);

it('reports an unlabelled input and a button without a name', async () => {
  const { container } = render(
    <main>
      <input type="text" />
      <button type="button"></button>
    </main>,
  );
  const found = (await wcagViolations(container)).map((v) => v.split(':')[0]);
  expect(found).toEqual(expect.arrayContaining(['label', 'button-name']));
});
