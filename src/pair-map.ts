/**
 * A map keyed by a pair of strings (an operator and a contact id), as nested
 * maps: no key string is built per lookup, and no pair, whatever characters
 * its strings hold, can reach another pair's entry.
 */
export class PairMap<V> {
  readonly #outer = new Map<string, Map<string, V>>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  get(a: string, b: string): V | undefined {
    return this.#outer.get(a)?.get(b);
  }

  set(a: string, b: string, value: V): void {
    let inner = this.#outer.get(a);
    if (!inner) this.#outer.set(a, (inner = new Map()));
    if (!inner.has(b)) this.#size++;
    inner.set(b, value);
  }

  delete(a: string, b: string): void {
    const inner = this.#outer.get(a);
    if (!inner?.delete(b)) return;
    this.#size--;
    if (inner.size === 0) this.#outer.delete(a);
  }

  clear(): void {
    this.#outer.clear();
    this.#size = 0;
  }
}
