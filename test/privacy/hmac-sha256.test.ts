import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex, HmacSha256, sha256 } from '../../src/privacy/hmac-sha256.js';

const sha256Hex = (message: Uint8Array) => hex(sha256(message));

const bytes = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('SHA-256 (FIPS 180-2 examples)', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('sha256(%j)', (input, digest) => {
    expect(sha256Hex(utf8(input))).toBe(digest);
  });

  it('one million "a"', () => {
    expect(sha256Hex(new Uint8Array(1_000_000).fill(0x61))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });
});

describe('HMAC-SHA-256 (RFC 4231 test cases)', () => {
  it.each([
    ['1', '0b'.repeat(20), utf8('Hi There'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
    ['2', '4a656665', utf8('what do ya want for nothing?'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
    ['3', 'aa'.repeat(20), bytes('dd'.repeat(50)), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
    ['4', '0102030405060708090a0b0c0d0e0f10111213141516171819', bytes('cd'.repeat(50)), '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b'],
    ['6', 'aa'.repeat(131), utf8('Test Using Larger Than Block-Size Key - Hash Key First'), '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54'],
    [
      '7',
      'aa'.repeat(131),
      utf8('This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.'),
      '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
    ],
  ])('test case %s', (_, key, data, mac) => {
    expect(new HmacSha256(bytes(key)).hex(data)).toBe(mac);
  });

  it('agrees with node:crypto on random keys and messages (UTF-8 strings)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 100, unit: 'binary' }), fc.string({ maxLength: 300, unit: 'binary' }), (key, message) => {
        expect(new HmacSha256(key).hex(message)).toBe(createHmac('sha256', key).update(message, 'utf8').digest('hex'));
        expect(sha256Hex(utf8(message))).toBe(createHash('sha256').update(message, 'utf8').digest('hex'));
      }),
      { numRuns: 500 },
    );
  });
});
