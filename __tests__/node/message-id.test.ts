import { newMessageId } from '../../src/node/message-id';

describe('newMessageId', () => {
  it('gives 16 hex digits, never the same twice across many pool refills', () => {
    const ids = Array.from({ length: 5000 }, () => newMessageId());
    expect(ids.every((id) => /^[0-9a-f]{16}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
