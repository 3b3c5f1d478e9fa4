// SHA-256 (FIPS 180-4) and HMAC (RFC 2104), synchronous, on standard
// primitives only, so that ids can be hashed inside logIngestEvent in a
// browser too (Web Crypto is asynchronous and would either make the call
// async or reorder events). Checked against the FIPS 180-2 and RFC 4231
// test vectors and against node:crypto in the tests.

/** The first `count` primes. */
function primes(count: number): number[] {
  const out: number[] = [];
  for (let n = 2; out.length < count; n++) if (out.every((p) => n % p !== 0)) out.push(n);
  return out;
}

/** The first 32 bits of the fractional part of each root (how FIPS 180-4 defines K and H0): exact in doubles. */
const fraction32 = (x: number) => ((x - Math.floor(x)) * 2 ** 32) >>> 0;
const PRIMES = /*#__PURE__*/ primes(64);
const K = /*#__PURE__*/ Uint32Array.from(PRIMES, (p) => fraction32(Math.cbrt(p)));
const H0 = /*#__PURE__*/ PRIMES.slice(0, 8).map((p) => fraction32(Math.sqrt(p)));

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** Runs the compression function over whole 64-byte blocks of `data`, updating `state`. */
function compress(state: Uint32Array, data: Uint8Array, w: Uint32Array): void {
  const v = new Uint32Array(8);
  for (let offset = 0; offset < data.length; offset += 64) {
    for (let i = 0; i < 64; i++) {
      if (i < 16) {
        const j = offset + i * 4;
        w[i] = (data[j]! << 24) | (data[j + 1]! << 16) | (data[j + 2]! << 8) | data[j + 3]!;
      } else {
        const a = w[i - 15]!;
        const b = w[i - 2]!;
        w[i] = w[i - 16]! + (rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3)) + w[i - 7]! + (rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10));
      }
    }
    v.set(state);
    for (let i = 0; i < 64; i++) {
      const [a, b, c, , e, f, g, h] = v as unknown as number[];
      const t1 = h! + (rotr(e!, 6) ^ rotr(e!, 11) ^ rotr(e!, 25)) + ((e! & f!) ^ (~e! & g!)) + K[i]! + w[i]!;
      const t2 = (rotr(a!, 2) ^ rotr(a!, 13) ^ rotr(a!, 22)) + ((a! & b!) ^ (a! & c!) ^ (b! & c!));
      v.copyWithin(1, 0, 7);
      v[4]! += t1;
      v[0] = t1 + t2;
    }
    for (let i = 0; i < 8; i++) state[i]! += v[i]!;
  }
}

/** Pads `message` (which follows `prefixBytes` already-compressed bytes) into whole blocks. */
function pad(message: Uint8Array, prefixBytes: number): Uint8Array {
  const total = Math.ceil((message.length + 9) / 64) * 64;
  const out = new Uint8Array(total);
  out.set(message);
  out[message.length] = 0x80;
  const bits = (prefixBytes + message.length) * 8;
  const view = new DataView(out.buffer);
  view.setUint32(total - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(total - 4, bits >>> 0);
  return out;
}

function digestBytes(state: Uint32Array): Uint8Array {
  const out = new Uint8Array(32);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) view.setUint32(i * 4, state[i]!);
  return out;
}

const HEX = /*#__PURE__*/ Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** SHA-256 of bytes. */
export function sha256(message: Uint8Array): Uint8Array {
  const state = Uint32Array.from(H0);
  compress(state, pad(message, 0), new Uint32Array(64));
  return digestBytes(state);
}

/** Lowercase hex of bytes. */
export function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += HEX[b];
  return s;
}

let encoder: TextEncoder | undefined;
/** UTF-8 bytes of a string (TextEncoder is in every browser and Node; made on first use, not at import). */
export function utf8(s: string): Uint8Array {
  return (encoder ??= new TextEncoder()).encode(s);
}

/**
 * HMAC-SHA-256 with a fixed key: the key's inner and outer pad blocks are
 * compressed once, so each value costs two or three compressions.
 */
export class HmacSha256 {
  readonly #inner: Uint32Array;
  readonly #outer: Uint32Array;
  readonly #w = new Uint32Array(64);

  constructor(key: Uint8Array | string) {
    let k = typeof key === 'string' ? utf8(key) : key;
    if (k.length > 64) k = sha256(k);
    const ipad = new Uint8Array(64).fill(0x36);
    const opad = new Uint8Array(64).fill(0x5c);
    for (let i = 0; i < k.length; i++) {
      ipad[i]! ^= k[i]!;
      opad[i]! ^= k[i]!;
    }
    this.#inner = Uint32Array.from(H0);
    compress(this.#inner, ipad, this.#w);
    this.#outer = Uint32Array.from(H0);
    compress(this.#outer, opad, this.#w);
  }

  /** HMAC of a string (UTF-8) or bytes, lowercase hex. */
  hex(message: string | Uint8Array): string {
    const bytes = typeof message === 'string' ? utf8(message) : message;
    const inner = this.#inner.slice();
    compress(inner, pad(bytes, 64), this.#w);
    const outer = this.#outer.slice();
    compress(outer, pad(digestBytes(inner), 64), this.#w);
    return hex(digestBytes(outer));
  }
}
