/**
 * A map keyed by a pair of strings (an operator and a contact id), as nested
 * maps: no key string is built per lookup, and no pair, whatever characters
 * its strings hold, can reach another pair's entry. The inner map of the
 * last first string is remembered: lookups come in runs for one operator
 * (or one event type), and then cost one lookup instead of two.
 */
export class PairMap<V> {
  readonly #outer = new Map<string, Map<string, V>>();
  #size = 0;
  #lastA: string | undefined;
  #lastInner: Map<string, V> | undefined;

  get size(): number {
    return this.#size;
  }

  #inner(a: string): Map<string, V> | undefined {
    if (a === this.#lastA) return this.#lastInner;
    const inner = this.#outer.get(a);
    this.#lastA = a;
    this.#lastInner = inner;
    return inner;
  }

  get(a: string, b: string): V | undefined {
    return this.#inner(a)?.get(b);
  }

  set(a: string, b: string, value: V): void {
    let inner = this.#inner(a);
    if (!inner) this.#outer.set(a, (inner = this.#lastInner = new Map()));
    if (!inner.has(b)) this.#size++;
    inner.set(b, value);
  }

  delete(a: string, b: string): void {
    const inner = this.#inner(a);
    if (!inner?.delete(b)) return;
    this.#size--;
    if (inner.size === 0) {
      this.#outer.delete(a);
      this.#lastInner = undefined;
    }
  }

  clear(): void {
    this.#outer.clear();
    this.#size = 0;
    this.#lastA = undefined;
    this.#lastInner = undefined;
  }
}
