/**
 * The first pass's cache of recent objects, for the deltas that follow their base in the
 * pack: objects are copied into one fixed ring buffer and the oldest are overwritten, so
 * the cache holds no buffer of its own per object. (Buffers kept for a while outlive the
 * young generation, and V8 frees them only at a full collection, long after they left a
 * per-object cache: tens of megabytes of garbage on a pack of small objects.)
 */
import type {Resolved} from './byte-lru.js';

type Slot = {position: number; length: number; type: number};

export class ObjectRing {
	private readonly ring: Buffer;
	private readonly slots = new Map<number, Slot>();
	/** Keys in write order from `oldest` on: the next to be overwritten is found without a scan. */
	private order: number[] = [];
	private oldest = 0;
	/** Bytes written so far, counting the skipped end of each lap. */
	private written = 0;

	constructor(private readonly capacity: number) {
		this.ring = Buffer.allocUnsafeSlow(capacity);
	}

	/** A view of the object at `key` in the ring: use it before the next set(). */
	get(key: number): Resolved | undefined {
		const slot = this.slots.get(key);
		if (!slot) return undefined;
		if (slot.position < this.written - this.capacity) {
			this.slots.delete(key);
			return undefined;
		}

		const start = slot.position % this.capacity;
		return {type: slot.type, data: this.ring.subarray(start, start + slot.length)};
	}

	set(key: number, value: Resolved): void {
		const {length} = value.data;
		if (length > this.capacity / 4) return;
		const start = this.written % this.capacity;
		if (start + length > this.capacity) this.written += this.capacity - start;
		const position = this.written;
		this.ring.set(value.data, position % this.capacity);
		this.written += length;
		this.slots.set(key, {position, length, type: value.type});
		this.order.push(key);
		this.dropOverwritten();
	}

	clear(): void {
		this.slots.clear();
		this.order = [];
		this.oldest = 0;
	}

	/**
	 * Iterating the Map from its front to find them instead walked every deleted entry V8
	 * still kept there, and allocated an entry per step (a quarter of indexing's CPU).
	 */
	private dropOverwritten(): void {
		const {order} = this;
		while (this.oldest < order.length) {
			const key = order[this.oldest]!;
			const slot = this.slots.get(key);
			if (slot && slot.position >= this.written - this.capacity) break;
			if (slot) this.slots.delete(key);
			this.oldest++;
		}

		if (this.oldest > 4096 && this.oldest * 2 > order.length) {
			this.order = order.slice(this.oldest);
			this.oldest = 0;
		}
	}
}
