// @ts-check
const {
	erlangC,
	erlangB,
	erlangBlocking,
	serviceLevel,
	requiredAgents,
	ceilExact,
	MAX_TRAFFIC_ERLANGS,
} = require('../../dist/nodes/shared/wolkvox/staffing/erlang');

const target = { serviceLevel: 0.8, answerWithinSeconds: 20, maxOccupancy: 0.85, shrinkage: 0.3 };

describe('Erlang C golden cases', () => {
	test('100 calls in 30 min, AHT 180 s, 80/20, cap 85 %, shrinkage 30 % → 14 agents, 20 scheduled', () => {
		const result = requiredAgents(100, 180, 1800, target);
		expect(result.agentsRequired).toBe(14);
		expect(result.agentsWithShrinkage).toBe(20);
		expect(result.serviceLevel).toBeCloseTo(0.888, 3);
		expect(serviceLevel(13, 10, 180, 20)).toBeCloseTo(0.796, 3);
	});

	test('1000 calls per hour, AHT 120 s → 40 agents (occupancy cap decides), 58 scheduled', () => {
		const result = requiredAgents(1000, 120, 3600, target);
		expect(result.agentsRequired).toBe(40);
		expect(result.agentsWithShrinkage).toBe(58);
		expect(result.serviceLevel).toBeCloseTo(0.937, 3);
		expect(result.occupancy).toBeLessThanOrEqual(0.85);
	});
});

describe('numerical behaviour', () => {
	test('large traffic (10,000 Erlangs) stays finite and meets the target', () => {
		const result = requiredAgents(300000, 120, 3600, { ...target, maxOccupancy: 1 });
		expect(Number.isFinite(result.serviceLevel)).toBe(true);
		expect(result.serviceLevel).toBeGreaterThanOrEqual(0.8);
		expect(result.agentsRequired).toBeGreaterThan(10000);
		expect(result.agentsRequired).toBeLessThan(10200);
	});

	test('probability of waiting is between 0 and 1 and falls as agents are added', () => {
		const waits = [11, 12, 15, 20].map((agents) => erlangC(agents, 10));
		for (const wait of waits) (expect(wait).toBeGreaterThan(0), expect(wait).toBeLessThan(1));
		expect([...waits].sort((a, b) => b - a)).toEqual(waits);
	});

	test('no traffic needs no agents', () => {
		expect(requiredAgents(0, 180, 3600, target)).toEqual({
			agentsRequired: 0,
			agentsWithShrinkage: 0,
			serviceLevel: 1,
			occupancy: 0,
			probabilityWait: 0,
			averageSpeedOfAnswerSeconds: 0,
		});
	});

	test('regression: whole quotients are not rounded up (714 calls x 180 s, 80/20, cap 85 %, shrinkage 30 % -> 42 / 60)', () => {
		const result = requiredAgents(714, 180, 3600, target);
		expect(result?.agentsRequired).toBe(42);
		expect(result?.agentsWithShrinkage).toBe(60);
		// 60-digit reference (Python fractions): P(wait) at 42 agents = 0.224806, service level 0.888365.
		expect(result?.probabilityWait).toBeCloseTo(0.224806, 6);
		expect(result?.serviceLevel).toBeCloseTo(0.888365, 6);
		expect(ceilExact(35.7 / 0.85)).toBe(42);
		expect(ceilExact(42 / (1 - 0.3))).toBe(60);
		expect(ceilExact(42.000001)).toBe(43);
	});

	test('the class of the ceiling trap: every whole agents x occupancy / shrinkage quotient stays whole', () => {
		const wrong = [];
		for (let percent = 50; percent <= 100; percent++) {
			for (let agents = 1; agents <= 400; agents++) {
				const traffic = (agents * percent) / 100;
				if (ceilExact(traffic / (percent / 100)) !== agents)
					wrong.push(`occupancy ${percent} %, ${agents} agents`);
			}
		}
		for (let shrinkage = 0; shrinkage <= 95; shrinkage++) {
			for (let scheduled = 1; scheduled <= 400; scheduled++) {
				const agents = (scheduled * (100 - shrinkage)) / 100;
				if (Number.isInteger(agents) && ceilExact(agents / (1 - shrinkage / 100)) !== scheduled)
					wrong.push(`shrinkage ${shrinkage} %, ${scheduled} scheduled`);
			}
		}
		expect(wrong).toEqual([]);
	});

	test('regression: AHT 0 with calls is unknown (undefined), not "0 agents, 100 %"', () => {
		expect(requiredAgents(40, 0, 3600, target)).toBeUndefined();
		expect(requiredAgents(0, 0, 3600, target)?.agentsRequired).toBe(0);
	});

	test('regression: the interval is the real time the row covers (40 calls in 20 minutes at 180 s -> 9 agents)', () => {
		expect(requiredAgents(40, 180, 1200, target)?.agentsRequired).toBe(9);
		expect(requiredAgents(40, 180, 3600, target)?.agentsRequired).toBe(4);
		expect(requiredAgents(40, 180, 0, target)).toBeUndefined();
	});

	test('probability of waiting and average speed of answer belong to the required agents', () => {
		const result = requiredAgents(1000, 120, 3600, target);
		const traffic = (1000 * 120) / 3600;
		expect(result?.probabilityWait).toBeCloseTo(erlangC(40, traffic), 12);
		expect(result?.averageSpeedOfAnswerSeconds).toBeCloseTo(
			(erlangC(40, traffic) * 120) / (40 - traffic),
			12,
		);
	});

	test('carrying Erlang B forward gives the same blocking as the recurrence from 1', () => {
		const traffic = 35.7;
		let blocking = erlangB(36, traffic);
		for (let agents = 37; agents < 60; agents++) {
			blocking = (traffic * blocking) / (agents + traffic * blocking);
			expect(blocking).toBeCloseTo(erlangB(agents, traffic), 14);
		}
	});

	test('traffic over the documented cap is not computed', () => {
		expect(MAX_TRAFFIC_ERLANGS).toBe(10_000);
		expect(requiredAgents(300001, 120, 3600, target)).toBeUndefined();
		expect(
			requiredAgents(99999 * 36, 100, 3600, {
				...target,
				serviceLevel: 0.99,
				answerWithinSeconds: 1,
			}),
		).toBeUndefined();
	});
});

describe('the search for agents', () => {
	/**
	 * The search as it was: Erlang B by its recurrence from 0 agents up to the first candidate (the
	 * occupancy cap's floor or just above the traffic), then one agent at a time.
	 */
	function countingUp(
		/** @type {number} */ calls,
		/** @type {number} */ aht,
		/** @type {number} */ seconds,
		/** @type {typeof target} */ goal,
	) {
		const traffic = (calls * aht) / seconds;
		let agents = Math.max(1, ceilExact(traffic / goal.maxOccupancy), Math.floor(traffic) + 1);
		let blocking = 1;
		for (let k = 1; k <= agents; k++) blocking = (traffic * blocking) / (k + traffic * blocking);
		for (;;) {
			const wait = (agents * blocking) / (agents - traffic * (1 - blocking));
			const level = 1 - wait * Math.exp((-(agents - traffic) * goal.answerWithinSeconds) / aht);
			if (level >= goal.serviceLevel) return { agents, wait, level };
			agents++;
			blocking = (traffic * blocking) / (agents + traffic * blocking);
		}
	}

	test('gives what counting up from the first candidate gives, at every cap down to 1 %', () => {
		const wrong = [];
		for (const traffic of [0.3, 2, 17.5, 99.9, 640, 3000, 10_000])
			for (const maxOccupancy of [0.01, 0.2, 0.5, 0.85, 1])
				for (const [level, within] of [
					[0.8, 20],
					[0.999, 0],
					[0.01, 3600],
				]) {
					const goal = {
						...target,
						serviceLevel: level,
						answerWithinSeconds: within,
						maxOccupancy,
					};
					const calls = (traffic * 3600) / 150;
					const found = requiredAgents(calls, 150, 3600, goal);
					const counted = countingUp(calls, 150, 3600, goal);
					if (
						found?.agentsRequired !== counted.agents ||
						Math.abs(found.probabilityWait - counted.wait) > 1e-12 ||
						Math.abs(found.serviceLevel - counted.level) > 1e-12
					)
						wrong.push({ traffic, maxOccupancy, level, within, found, counted });
				}
		expect(wrong).toEqual([]);
	});

	test('a 1 % cap at 10,000 Erlangs asks for a million agents, every one needed for the cap', () => {
		const result = requiredAgents(MAX_TRAFFIC_ERLANGS * 36, 100, 3600, {
			...target,
			maxOccupancy: 0.01,
		});
		expect(result?.agentsRequired).toBe(1_000_000);
		expect(result?.serviceLevel).toBe(1);
		expect(result?.probabilityWait).toBe(0);
	});

	test('Erlang B read from the kept recurrence, in any order, is the recurrence from 0 agents', () => {
		const traffic = 57.3;
		const blocking = erlangBlocking(traffic);
		const direct = (/** @type {number} */ agents) => {
			let value = 1;
			for (let k = 1; k <= agents; k++) value = (traffic * value) / (k + traffic * value);
			return value;
		};
		for (const agents of [80, 3, 0, 57, 58, 200, 120, 1]) {
			const expected = direct(agents);
			expect(Math.abs(blocking(agents) / expected - 1)).toBeLessThan(1e-13);
		}
	});

	test('Erlang B below the smallest normal double counts as 0, and stays 0 beyond', () => {
		const blocking = erlangBlocking(10);
		let agents = 10;
		while (blocking(agents) >= 2 ** -1022) agents++;
		expect(blocking(agents)).toBe(0);
		const last = blocking(agents - 1);
		expect(last).toBeGreaterThan(0);
		// Zero only where the recurrence's next step is truly below the smallest normal double.
		expect((10 * last) / (agents + 10 * last)).toBeLessThan(2 ** -1022);
		expect(blocking(10 * agents)).toBe(0);
		expect(erlangB(1_000_000, 10)).toBe(0);
	});
});
