/**
 * A least-recently-used cache of objects (by pack offset) with a budget in bytes, for delta bases: an
 * object bigger than a quarter of the budget is not kept, so a few large objects cannot
 * flush every small base.
 */
/** An object's content and its type (1–4, as pack-format numbers them). */
export type Resolved = {type: number; data: Buffer};

export class ByteLru {
	private readonly entries = new Map<number, Resolved>();
	private bytes = 0;

	constructor(private readonly budget: number) {}

	get(key: number): Resolved | undefined {
		const value = this.entries.get(key);
		if (value !== undefined) {
			this.entries.delete(key);
			this.entries.set(key, value);
		}

		return value;
	}

	set(key: number, value: Resolved): void {
		if (value.data.byteLength > this.budget / 4 || this.entries.has(key)) {
			return;
		}

		this.entries.set(key, value);
		this.bytes += value.data.byteLength;
		for (const [oldKey, old] of this.entries) {
			if (this.bytes <= this.budget) {
				break;
			}

			this.entries.delete(oldKey);
			this.bytes -= old.data.byteLength;
		}
	}
}
