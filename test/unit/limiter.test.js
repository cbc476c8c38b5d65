// @ts-check
const { KeyedLimiter } = require('../../dist/nodes/shared/wolkvox/api/limiter');
const { retryDelayMs, RETRY_POLICY } = require('../../dist/nodes/shared/wolkvox/api/retry');

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedLimiter', () => {
	test('at most `limit` holders per key; waiters get slots first come, first served', async () => {
		const limiter = new KeyedLimiter(2);
		const order = [];
		const first = await limiter.acquire('a');
		const second = await limiter.acquire('a');
		const third = limiter.acquire('a').then((release) => (order.push('third'), release));
		const fourth = limiter.acquire('a').then((release) => (order.push('fourth'), release));
		await tick();
		expect(order).toEqual([]);
		expect(limiter.activeCount('a')).toBe(2);
		first();
		first(); // a second call of the same release must not free another slot
		await tick();
		expect(order).toEqual(['third']);
		second();
		await tick();
		expect(order).toEqual(['third', 'fourth']);
		(await third)();
		(await fourth)();
		expect(limiter.activeCount('a')).toBe(0);
	});

	test('different keys do not wait for each other', async () => {
		const limiter = new KeyedLimiter(1);
		await limiter.acquire('a');
		let otherGotIt = false;
		void limiter.acquire('b').then(() => (otherGotIt = true));
		await tick();
		expect(otherGotIt).toBe(true);
	});

	test('many concurrent tasks never exceed the limit', async () => {
		const limiter = new KeyedLimiter(2);
		let active = 0;
		let highWater = 0;
		await Promise.all(
			Array.from({ length: 50 }, async () => {
				const release = await limiter.acquire('token');
				active++;
				highWater = Math.max(highWater, active);
				await tick();
				active--;
				release();
			}),
		);
		expect(highWater).toBe(2);
		expect(limiter.activeCount('token')).toBe(0);
	});

	test('lowered after a "simultaneous" refusal: one at a time for a while, then the full limit again', async () => {
		let now = 1_000;
		const limiter = new KeyedLimiter(2, () => now);
		limiter.lower('a', 60_000);
		expect(limiter.limitOf('a')).toBe(1);
		expect(limiter.limitOf('b')).toBe(2);
		const first = await limiter.acquire('a');
		let secondGotIt = false;
		const second = limiter.acquire('a').then((release) => ((secondGotIt = true), release));
		await tick();
		expect(secondGotIt).toBe(false);
		now += 30_000;
		limiter.lower('a', 10_000); // a shorter lowering does not cut the longer one short
		now += 29_999;
		expect(limiter.limitOf('a')).toBe(1);
		now += 1;
		expect(limiter.limitOf('a')).toBe(2);
		first();
		await tick();
		expect(secondGotIt).toBe(true);
		(await second)();
		expect(limiter.activeCount('a')).toBe(0);
	});

	test('lowered while two are in flight: no third starts, and the next starts only when both are done', async () => {
		const limiter = new KeyedLimiter(2, () => 0);
		const first = await limiter.acquire('a');
		const second = await limiter.acquire('a');
		limiter.lower('a', 1_000);
		let thirdGotIt = false;
		const third = limiter.acquire('a').then((release) => ((thirdGotIt = true), release));
		first();
		await tick();
		expect(thirdGotIt).toBe(false);
		second();
		await tick();
		expect(thirdGotIt).toBe(true);
		expect(limiter.activeCount('a')).toBe(1);
		(await third)();
	});

	test('recovered: a release wakes as many waiters as the limit allows again', async () => {
		let now = 0;
		const limiter = new KeyedLimiter(2, () => now);
		limiter.lower('a', 100);
		const first = await limiter.acquire('a');
		const woken = [];
		const waiters = [1, 2].map((n) =>
			limiter.acquire('a').then((release) => (woken.push(n), release)),
		);
		now = 100;
		first();
		await tick();
		expect(woken).toEqual([1, 2]);
		for (const waiter of waiters) (await waiter)();
		expect(limiter.activeCount('a')).toBe(0);
	});
});

describe('retryDelayMs', () => {
	test('grows exponentially with jitter within [half, full] of the ceiling, capped', () => {
		expect(retryDelayMs(1, () => 0)).toBe(250);
		expect(retryDelayMs(1, () => 1)).toBe(500);
		expect(retryDelayMs(3, () => 1)).toBe(2000);
		expect(retryDelayMs(20, () => 1)).toBe(RETRY_POLICY.maxDelayMs);
		expect(retryDelayMs(20, () => 0)).toBe(RETRY_POLICY.maxDelayMs / 2);
	});
});
