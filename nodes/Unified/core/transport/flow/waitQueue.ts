/** A request waiting for its turn; `seq` orders it (a retry keeps its call's first number, so it goes ahead). */
export interface Waiter {
	seq: number;
	/** Set once it started or gave up; such entries are dropped when they reach the front. */
	done: boolean;
}

/** A binary min-heap on `seq`. */
export class WaitQueue<T extends Waiter> {
	private readonly heap: T[] = [];

	push(waiter: T): void {
		const heap = this.heap;
		heap.push(waiter);
		let index = heap.length - 1;
		while (index > 0) {
			const parent = (index - 1) >> 1;
			if (heap[parent].seq <= heap[index].seq) break;
			[heap[parent], heap[index]] = [heap[index], heap[parent]];
			index = parent;
		}
	}

	/** Every waiter still held, in no order (some may have given up). */
	waiting(): readonly T[] {
		return this.heap;
	}

	/** The live waiter with the lowest seq, dropping the ones that gave up. */
	peek(): T | undefined {
		while (this.heap.length && this.heap[0].done) this.pop();
		return this.heap[0];
	}

	pop(): T | undefined {
		const heap = this.heap;
		const top = heap[0];
		const last = heap.pop();
		if (heap.length && last) {
			heap[0] = last;
			let index = 0;
			for (;;) {
				const left = 2 * index + 1;
				const right = left + 1;
				let smallest = index;
				if (left < heap.length && heap[left].seq < heap[smallest].seq) smallest = left;
				if (right < heap.length && heap[right].seq < heap[smallest].seq) smallest = right;
				if (smallest === index) break;
				[heap[smallest], heap[index]] = [heap[index], heap[smallest]];
				index = smallest;
			}
		}
		return top;
	}
}
