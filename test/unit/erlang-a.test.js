// @ts-check
const {
	erlangA,
	requiredAgentsErlangA,
} = require('../../dist/nodes/shared/wolkvox/staffing/erlangA');
const {
	erlangC,
	serviceLevel,
	requiredAgents,
	MAX_TRAFFIC_ERLANGS,
} = require('../../dist/nodes/shared/wolkvox/staffing/erlang');

/*
 * The module computes Erlang A from integrals of the virtual waiting time. These tests check it
 * against references built another way: the birth–death chain itself in 400-digit arithmetic, a
 * simulation of a million calls, and Erlang C as patience grows without bound.
 */

// ---------------------------------------------------------------------------------------------
// Reference 1: the M/M/n+M birth–death chain in fixed-point BigInt arithmetic (400 decimals).
// Time in handle times (service rate 1). A caller who finds k >= n in the system is at queue
// position j = k - n + 1; at position i the next event (a service, an abandonment of one of the
// i - 1 ahead, or their own abandonment) comes at rate r_i = n + i·θ, and is their own
// abandonment with probability θ / r_i. So they are answered with probability
// Π (r_i − θ) / r_i = n / r_j, after a wait that is the sum of independent Exp(r_i), i = 1..j:
// P(wait <= t) = 1 − Σ_i C_i·e^(−r_i·t), C_i = Π_{k≠i} r_k / (r_k − r_i) (distinct rates).

const DIGITS = 400n;
const ONE = 10n ** DIGITS;
/** @param {bigint} a @param {bigint} b */
const times = (a, b) => (a * b) / ONE;
/** @param {bigint} a */
const toNumber = (a) => Number(a / 10n ** (DIGITS - 40n)) / 1e40;

/** e^x for x <= 0 given in fixed point: Taylor series after halving x, then squaring back. */
function exp(/** @type {bigint} */ x) {
	let halvings = 0;
	for (; x < -ONE / 8n; halvings++) x /= 2n;
	let term = ONE;
	let sum = ONE;
	for (let k = 1n; term !== 0n; k++) {
		term = times(term, x) / k;
		sum += term;
	}
	for (; halvings > 0; halvings--) sum = times(sum, sum);
	return sum;
}

/**
 * @typedef {[number, number]} Ratio numerator, denominator (whole numbers)
 * @param {{ traffic: Ratio, agents: number, theta: Ratio, within: Ratio, withServiceLevel?: boolean }} question
 */
function exactChain({ traffic, agents, theta, within, withServiceLevel = true }) {
	const [aNum, aDen] = traffic.map(BigInt);
	const [thNum, thDen] = theta.map(BigInt);
	const [tNum, tDen] = within.map(BigInt);
	const n = BigInt(agents);
	// Unnormalised stationary weights, w_k = w_{k-1}·a / (min(k, n) + max(k − n, 0)·θ), until
	// they are 10^-60 of the largest (the rest cannot move a double).
	const weights = [ONE];
	let largest = ONE;
	for (let k = 1n; ; k++) {
		const death = (k < n ? k : n) * thDen + (k > n ? k - n : 0n) * thNum;
		const weight = (weights[weights.length - 1] * aNum * thDen) / (aDen * death);
		weights.push(weight);
		if (weight > largest) largest = weight;
		if (k > n && weight * 10n ** 60n < largest) break;
	}
	const total = weights.reduce((sum, weight) => sum + weight, 0n);
	const share = weights.map((weight) => (weight * ONE) / total);

	let answeredWithin = 0n;
	for (let k = 0; k < agents; k++) answeredWithin += share[k];
	let waits = 0n;
	let abandons = 0n;
	let answeredWaitTotal = 0n;
	let inverseRates = 0n;
	const rateNumerator = (/** @type {bigint} */ i) => n * thDen + i * thNum; // r_i = that / thDen
	const eNT = exp(-(n * tNum * ONE) / tDen);
	const eThetaT = exp(-(thNum * tNum * ONE) / (thDen * tDen));
	/** @type {bigint[]} C_i for the current j (index i − 1) */
	const coefficients = [];
	for (let j = 1n; agents + Number(j) - 1 < share.length; j++) {
		const p = share[agents + Number(j) - 1];
		const rj = rateNumerator(j);
		waits += p;
		abandons += (p * j * thNum) / rj;
		const answered = (p * n * thDen) / rj;
		inverseRates += (thDen * ONE) / rj;
		answeredWaitTotal += times(answered, inverseRates);
		if (!withServiceLevel) continue;
		for (let i = 1n; i < j; i++)
			coefficients[Number(i) - 1] = (coefficients[Number(i) - 1] * rj) / ((j - i) * thNum);
		let newest = ONE;
		for (let k = 1n; k < j; k++) newest = (newest * rateNumerator(k)) / ((k - j) * thNum);
		coefficients.push(newest);
		let tail = 0n;
		let power = eNT;
		for (const coefficient of coefficients) {
			power = times(power, eThetaT);
			tail += times(coefficient, power);
		}
		// C_i reach 10^250 with alternating signs: a CDF outside [0, 1] beyond the last digits would
		// mean the 400 digits were not enough.
		const cdf = ONE - tail;
		const slack = ONE / 10n ** 100n;
		if (cdf < -slack || cdf > ONE + slack) throw new Error(`reference lost precision at j = ${j}`);
		answeredWithin += times(answered, cdf);
	}
	return {
		probabilityWait: toNumber(waits),
		abandonRate: toNumber(abandons),
		serviceLevel: withServiceLevel ? toNumber(answeredWithin) : undefined,
		averageWaitAnswered: toNumber((answeredWaitTotal * ONE) / (ONE - abandons)),
	};
}

describe('Erlang A against the exact birth–death chain (400-digit arithmetic)', () => {
	// Times in handle times; the module is asked in seconds with a 180 s handle time.
	const AHT = 180;
	test.each([
		['loaded, patient (a 8, n 10, θ 1/2, t 1/5)', [8, 1], 10, [1, 2], [1, 5], true],
		['overloaded (a 12, n 10, θ 1, t 1/10)', [12, 1], 10, [1, 1], [1, 10], true],
		['twice overloaded, impatient (a 6, n 3, θ 2, t 3/10)', [6, 1], 3, [2, 1], [3, 10], true],
		['near critical (a 19.5, n 20, θ 1/10, t 1/9)', [39, 2], 20, [1, 10], [1, 9], true],
		['one agent (a 1/2, θ 1/3, t 1)', [1, 2], 1, [1, 3], [1, 1], true],
		// Callers who hang up within a thousandth of a handle time: the waits live on two time scales.
		['hasty callers, light load (a 1/100, n 1, θ 36000)', [1, 100], 1, [36000, 1], [0, 1], true],
		[
			'hasty callers, fifty times overloaded (a 100, n 2, θ 3600)',
			[100, 1],
			2,
			[3600, 1],
			[1, 10000],
			true,
		],
		['no wait asked (t 0)', [7, 1], 8, [1, 4], [0, 1], true],
		['long queue, very patient (a 45, n 50, θ 1/50)', [45, 1], 50, [1, 50], [1, 9], false],
		['overloaded, very patient (a 30, n 25, θ 1/100)', [30, 1], 25, [1, 100], [1, 9], false],
	])('%s', (_name, traffic, agents, theta, within, withServiceLevel) => {
		const exact = exactChain({
			traffic: /** @type {[number, number]} */ (traffic),
			agents: /** @type {number} */ (agents),
			theta: /** @type {[number, number]} */ (theta),
			within: /** @type {[number, number]} */ (within),
			withServiceLevel: /** @type {boolean} */ (withServiceLevel),
		});
		const [aNum, aDen] = /** @type {number[]} */ (traffic);
		const [thNum, thDen] = /** @type {number[]} */ (theta);
		const [tNum, tDen] = /** @type {number[]} */ (within);
		const module = erlangA(
			/** @type {number} */ (agents),
			aNum / aDen,
			AHT,
			(AHT * thDen) / thNum,
			(AHT * tNum) / tDen,
		);
		// Observed: within 2e-16 (probabilities) and 4e-15 (ASA, relative) of the chain.
		expect(Math.abs(module.probabilityWait - exact.probabilityWait)).toBeLessThan(1e-13);
		expect(Math.abs(module.abandonRate - exact.abandonRate)).toBeLessThan(1e-13);
		if (exact.serviceLevel !== undefined)
			expect(Math.abs(module.serviceLevel - exact.serviceLevel)).toBeLessThan(1e-13);
		expect(
			Math.abs(module.averageSpeedOfAnswerSeconds / AHT / exact.averageWaitAnswered - 1),
		).toBeLessThan(1e-12);
		expect(module.occupancy).toBeCloseTo(((aNum / aDen) * (1 - exact.abandonRate)) / agents, 12);
	});
});

// ---------------------------------------------------------------------------------------------
// Reference 2: a discrete-event simulation of calls, seeded, written from the queue's rules (calls
// arrive, take a free agent or wait in line first-come first-served, hang up when their patience
// runs out, are answered when an agent frees up) rather than from any formula.

// Jest runs tests in a vm context, where each reach for a global such as Math is slow: the hot
// loop uses local copies.
const { imul, log, floor } = Math;

/** xoshiro128** seeded by splitmix32: uniform numbers in (0, 1) with 53 random bits. */
function randomSource(/** @type {number} */ seed) {
	let s = seed >>> 0;
	const splitmix = () => {
		s = (s + 0x9e3779b9) >>> 0;
		let z = s;
		z = imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
		z = imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
		return (z ^ (z >>> 16)) >>> 0;
	};
	const state = [splitmix(), splitmix(), splitmix(), splitmix()];
	const next32 = () => {
		const result = imul(((imul(state[1], 5) << 7) | (imul(state[1], 5) >>> 25)) >>> 0, 9) >>> 0;
		const t = (state[1] << 9) >>> 0;
		state[2] ^= state[0];
		state[3] ^= state[1];
		state[1] ^= state[2];
		state[0] ^= state[3];
		state[2] ^= t;
		state[3] = ((state[3] << 11) | (state[3] >>> 21)) >>> 0;
		return result;
	};
	return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6) + 0.5) / 9007199254740992;
}

/** Binary min-heap of numbers (the agents' finishing times). */
class FinishTimes {
	/** @type {number[]} */
	items = [];
	get size() {
		return this.items.length;
	}
	peek() {
		return this.items[0];
	}
	push(/** @type {number} */ value) {
		const items = this.items;
		let index = items.push(value) - 1;
		while (index > 0) {
			const parent = (index - 1) >> 1;
			if (items[parent] <= value) break;
			items[index] = items[parent];
			index = parent;
		}
		items[index] = value;
	}
	pop() {
		const items = this.items;
		const top = items[0];
		const last = /** @type {number} */ (items.pop());
		if (items.length > 0) {
			let index = 0;
			for (;;) {
				let child = 2 * index + 1;
				if (child >= items.length) break;
				if (child + 1 < items.length && items[child + 1] < items[child]) child++;
				if (items[child] >= last) break;
				items[index] = items[child];
				index = child;
			}
			items[index] = last;
		}
		return top;
	}
}

/**
 * Simulates `calls` calls after a warm-up; per batch of consecutive calls (by arrival) returns the
 * shares answered within `within`, abandoned, and finding every agent busy, and the mean wait of
 * the answered ones.
 * @param {{ callsPerSecond: number, ahtSeconds: number, patienceSeconds: number, agents: number,
 *   within: number, calls: number, warmUp: number, batches: number, seed: number }} setup
 */
function simulate(setup) {
	const { callsPerSecond, ahtSeconds, patienceSeconds, agents, within, calls, warmUp, batches } =
		setup;
	const random = randomSource(setup.seed);
	const exponential = (/** @type {number} */ mean) => -mean * log(random());
	const total = warmUp + calls;
	const batchSize = calls / batches;
	const tally = Array.from({ length: batches }, () => ({
		offered: 0,
		answeredWithin: 0,
		abandoned: 0,
		waited: 0,
		answered: 0,
		waitOfAnswered: 0,
	}));
	const batchOf = (/** @type {number} */ call) =>
		call < warmUp ? undefined : tally[floor((call - warmUp) / batchSize)];
	const busy = new FinishTimes();
	/** @type {{ call: number, arrival: number, gaveUpAt: number }[]} */
	const line = [];
	let head = 0;
	let nextCall = 0;
	let nextArrival = exponential(1 / callsPerSecond);
	const answer = (/** @type {number} */ call, /** @type {number} */ waited, now) => {
		const batch = batchOf(call);
		if (batch) {
			batch.answered++;
			batch.waitOfAnswered += waited;
			if (waited <= within) batch.answeredWithin++;
		}
		busy.push(now + exponential(ahtSeconds));
	};
	while (nextCall < total || head < line.length) {
		if (nextCall < total && (busy.size === 0 || nextArrival < busy.peek())) {
			const now = nextArrival;
			const call = nextCall++;
			const batch = batchOf(call);
			if (batch) batch.offered++;
			if (busy.size < agents) answer(call, 0, now);
			else {
				if (batch) batch.waited++;
				line.push({ call, arrival: now, gaveUpAt: now + exponential(patienceSeconds) });
			}
			nextArrival = now + exponential(1 / callsPerSecond);
		} else {
			const now = busy.pop();
			// Callers at the head of the line whose patience ran out before now hung up then.
			while (head < line.length && line[head].gaveUpAt <= now) {
				const batch = batchOf(line[head++].call);
				if (batch) batch.abandoned++;
			}
			if (head < line.length) {
				const { call, arrival } = line[head++];
				answer(call, now - arrival, now);
			}
			if (head > 100_000) (line.splice(0, head), (head = 0));
		}
	}
	return tally.map((batch) => ({
		serviceLevel: batch.answeredWithin / batch.offered,
		abandonRate: batch.abandoned / batch.offered,
		probabilityWait: batch.waited / batch.offered,
		averageSpeedOfAnswerSeconds: batch.waitOfAnswered / batch.answered,
	}));
}

describe('Erlang A against a simulation of a million calls per case (4 standard errors)', () => {
	const mean = (/** @type {number[]} */ values) =>
		values.reduce((sum, value) => sum + value, 0) / values.length;
	test.each([
		// traffic, AHT s, patience s, agents, within s
		['loaded: 9.5 Erlangs on 10 agents, patience 2 min', 9.5, 180, 120, 10, 20],
		['overloaded: 24 Erlangs on 20 agents, patience 1 min', 24, 240, 60, 20, 30],
		['comfortable: 40 Erlangs on 45 agents, patience 10 min', 40, 300, 600, 45, 15],
		['two agents, impatient callers', 2, 60, 30, 2, 10],
	])('%s', (_name, traffic, ahtSeconds, patienceSeconds, agents, within) => {
		const batches = simulate({
			callsPerSecond: traffic / ahtSeconds,
			ahtSeconds,
			patienceSeconds,
			agents,
			within,
			calls: 1_000_000,
			warmUp: 20_000,
			// Batches of 50,000 calls are long enough to be nearly independent: their spread gives an
			// honest standard error (shorter ones are correlated and understate it).
			batches: 20,
			seed: 1000 * agents + within,
		});
		const module = erlangA(agents, traffic, ahtSeconds, patienceSeconds, within);
		/** @type {Record<string, { module: number, simulated: number, standardError: number }>} */
		const far = {};
		for (const key of /** @type {const} */ ([
			'serviceLevel',
			'abandonRate',
			'probabilityWait',
			'averageSpeedOfAnswerSeconds',
		])) {
			const values = batches.map((batch) => batch[key]);
			const simulated = mean(values);
			const variance =
				values.reduce((sum, value) => sum + (value - simulated) ** 2, 0) / (values.length - 1);
			const standardError = Math.sqrt(variance / values.length);
			if (Math.abs(module[key] - simulated) > 4 * standardError)
				far[key] = { module: module[key], simulated, standardError };
		}
		expect(far).toEqual({});
	});
});

describe('Erlang A meets Erlang C as patience grows without bound', () => {
	const AHT = 180;
	const cases = [];
	for (const traffic of [0.5, 3, 20, 150, 1000, 9000])
		for (const extra of [1, 2, 5, 20])
			for (const within of [0, 20, 300]) cases.push([traffic, Math.floor(traffic) + extra, within]);

	test.each(cases)(
		'%s Erlangs on %s agents, %s s: P(wait), service level and ASA',
		(traffic, agents, within) => {
			const waitC = erlangC(agents, traffic);
			const levelC = serviceLevel(agents, traffic, AHT, within);
			const asaC = (waitC * AHT) / (agents - traffic);
			const gap = (/** @type {number} */ patience) => {
				const a = erlangA(agents, traffic, AHT, patience, within);
				return [
					Math.abs(a.probabilityWait - waitC),
					Math.abs(a.serviceLevel - levelC),
					Math.abs(a.averageSpeedOfAnswerSeconds / asaC - 1),
					a.abandonRate,
				];
			};
			const far = gap(1e13);
			for (const difference of far) expect(difference).toBeLessThan(1e-6);
			// The gap is the callers who do hang up, which shrinks with 1/patience: not a coincidence
			// at one patience.
			const near = gap(1e9);
			expect(Math.max(...near)).toBeLessThan(1e-2);
			for (const [index, difference] of far.entries())
				if (near[index] > 1e-9) expect(difference).toBeLessThan(near[index] / 1000);
		},
	);

	test('required agents are Erlang C’s with patience 10^9 s, over loads, caps and targets', () => {
		const differ = [];
		for (const traffic of [0.5, 3, 20, 150, 1000, 9000])
			for (const maxOccupancy of [0.01, 0.5, 0.85, 1])
				for (const [level, within] of [
					[0.8, 20],
					[0.95, 5],
					[0.5, 600],
					[0.999, 0],
				]) {
					const target = {
						serviceLevel: level,
						answerWithinSeconds: within,
						maxOccupancy,
						shrinkage: 0.3,
						patienceSeconds: 1e9,
					};
					const calls = (traffic * 3600) / AHT;
					const a = requiredAgentsErlangA(calls, AHT, 3600, target)?.agents;
					const c = requiredAgents(calls, AHT, 3600, target)?.agentsRequired;
					if (a !== c) differ.push({ traffic, maxOccupancy, level, within, a, c });
				}
		expect(differ).toEqual([]);
	});
});

describe('required agents under Erlang A', () => {
	/** Whether `agents` meet the target: service level and busy share of the carried traffic. */
	const meets = (
		/** @type {number} */ agents,
		/** @type {number} */ traffic,
		/** @type {number} */ aht,
		/** @type {any} */ target,
	) => {
		const figures = erlangA(
			agents,
			traffic,
			aht,
			target.patienceSeconds,
			target.answerWithinSeconds,
		);
		const carried = traffic * (1 - figures.abandonRate);
		return (
			figures.serviceLevel >= target.serviceLevel &&
			agents >= Math.ceil(Number((carried / target.maxOccupancy).toPrecision(12)))
		);
	};

	test('the answer meets the target and one agent fewer does not, over loads, caps and patience', () => {
		const wrong = [];
		for (const traffic of [0.05, 0.8, 4.2, 25, 180, 1200, 10_000])
			for (const maxOccupancy of [0.01, 0.5, 0.85, 1])
				for (const patienceSeconds of [1, 45, 300, 3600])
					for (const [level, within] of [
						[0.8, 20],
						[0.999, 0],
						[0.01, 3600],
					]) {
						const aht = 240;
						const target = {
							serviceLevel: level,
							answerWithinSeconds: within,
							maxOccupancy,
							shrinkage: 0,
							patienceSeconds,
						};
						const result = requiredAgentsErlangA((traffic * 3600) / aht, aht, 3600, target);
						const agents = /** @type {number} */ (result?.agents);
						const again = erlangA(agents, traffic, aht, patienceSeconds, within);
						const ok =
							result?.serviceLevel === again.serviceLevel &&
							meets(agents, traffic, aht, target) &&
							(agents === 1 || !meets(agents - 1, traffic, aht, target));
						if (!ok) wrong.push({ traffic, maxOccupancy, patienceSeconds, level, within, agents });
					}
		expect(wrong).toEqual([]);
	});

	test('the gallop and halving find what counting up from one agent finds', () => {
		const wrong = [];
		for (const traffic of [0.2, 1.7, 6, 14.2, 40])
			for (const maxOccupancy of [0.3, 0.85, 1])
				for (const patienceSeconds of [2, 30, 180, 900])
					for (const [level, within] of [
						[0.8, 20],
						[0.3, 0],
						[0.99, 60],
						[0.01, 3600],
					]) {
						const target = {
							serviceLevel: level,
							answerWithinSeconds: within,
							maxOccupancy,
							shrinkage: 0,
							patienceSeconds,
						};
						let counted = 1;
						while (!meets(counted, traffic, 180, target)) counted++;
						const found = requiredAgentsErlangA(traffic * 20, 180, 3600, target)?.agents;
						if (found !== counted)
							wrong.push({ traffic, maxOccupancy, patienceSeconds, level, within, found, counted });
					}
		expect(wrong).toEqual([]);
	});

	test('impatient callers can need fewer agents than Erlang C, and more', () => {
		const base = { serviceLevel: 0.8, answerWithinSeconds: 20, maxOccupancy: 1, shrinkage: 0 };
		// 100 Erlangs, 1 s patience: most waiting callers hang up, so the queue stays short.
		const short = requiredAgentsErlangA(2000, 180, 3600, { ...base, patienceSeconds: 1 });
		expect(short?.agents).toBeLessThan(
			/** @type {number} */ (requiredAgents(2000, 180, 3600, base)?.agentsRequired),
		);
		expect(short?.abandonRate).toBeGreaterThan(0.1);
		// 10 Erlangs, 95/60 with 5 s patience: most callers who wait hang up within the minute, and a
		// caller who hangs up is never answered, so more agents.
		const strict = { ...base, serviceLevel: 0.95, answerWithinSeconds: 60 };
		expect(
			requiredAgentsErlangA(200, 180, 3600, { ...strict, patienceSeconds: 5 })?.agents,
		).toBeGreaterThan(
			/** @type {number} */ (requiredAgents(200, 180, 3600, strict)?.agentsRequired),
		);
	});

	test('no traffic needs no agents; unknown traffic or patience gives undefined', () => {
		const target = {
			serviceLevel: 0.8,
			answerWithinSeconds: 20,
			maxOccupancy: 0.85,
			shrinkage: 0,
			patienceSeconds: 60,
		};
		expect(requiredAgentsErlangA(0, 180, 3600, target)).toEqual({
			agents: 0,
			serviceLevel: 1,
			abandonRate: 0,
			probabilityWait: 0,
			averageSpeedOfAnswerSeconds: 0,
			occupancy: 0,
		});
		expect(requiredAgentsErlangA(40, 0, 3600, target)).toBeUndefined();
		expect(requiredAgentsErlangA(40, 180, 0, target)).toBeUndefined();
		expect(requiredAgentsErlangA(MAX_TRAFFIC_ERLANGS * 20 + 1, 180, 3600, target)).toBeUndefined();
		expect(requiredAgentsErlangA(40, 180, 3600, { ...target, patienceSeconds: 0 })).toBeUndefined();
		expect(
			requiredAgentsErlangA(40, 180, 3600, { ...target, patienceSeconds: Number.NaN }),
		).toBeUndefined();
	});

	test('10,000 Erlangs stay finite and meet the target at every cap and patience the editor allows', () => {
		const wrong = [];
		for (const maxOccupancy of [0.01, 0.5, 0.85, 1])
			for (const patienceSeconds of [1, 60, 3600])
				for (const [level, within] of [
					[0.8, 20],
					[0.999, 0],
					[0.01, 3600],
				]) {
					const target = {
						serviceLevel: level,
						answerWithinSeconds: within,
						maxOccupancy,
						shrinkage: 0,
						patienceSeconds,
					};
					const result = requiredAgentsErlangA(MAX_TRAFFIC_ERLANGS * 36, 100, 3600, target);
					const values = Object.values(result ?? {});
					if (
						!values.every(Number.isFinite) ||
						!(/** @type {number} */ (result?.serviceLevel >= level)) ||
						// Read to 12 digits, as the cap is: the last bit of a share near 1 is rounding.
						!(Number(result?.occupancy.toPrecision(12)) <= maxOccupancy)
					)
						wrong.push({ maxOccupancy, patienceSeconds, level, within, result });
				}
		expect(wrong).toEqual([]);
	});
});
