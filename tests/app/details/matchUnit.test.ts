// A typed unit name finds its unit on the list however it was typed, and never a wrong one.
import { describe, expect, it } from 'vitest';
import { matchUnit } from '../../../src/app/details/matchUnit';

const units = [
  { id: 'u1', name: '臺中分局' },
  { id: 'u2', name: '第五組' },
  { id: 'u3', name: 'ＢＳＭＩ 一課' },
];

describe('matchUnit', () => {
  it('matches spaces, 台/臺 and full-width forms', () => {
    expect(matchUnit('台中分局', units)?.id).toBe('u1');
    expect(matchUnit(' 第五組 ', units)?.id).toBe('u2');
    expect(matchUnit('bsmi一課', units)?.id).toBe('u3');
  });
  it('finds nothing for a unit the list does not have, or an empty name', () => {
    expect(matchUnit('第六組', units)).toBeUndefined();
    expect(matchUnit('  ', units)).toBeUndefined();
  });
  it('refuses to guess between two units that look the same', () => {
    expect(matchUnit('台中分局', [...units, { id: 'u9', name: '台中分局' }])).toBeUndefined();
  });
});
