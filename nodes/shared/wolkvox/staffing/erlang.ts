/**
 * Erlang C staffing: how many agents an interval needs to answer a share of calls within a target
 * time. Computed with the Erlang B recurrence, carried forward from one candidate to the next, so
 * large traffic never overflows a factorial and each row costs one pass up to the answer.
 */

export interface StaffingTarget {
	/** Share of calls to answer within `answerWithinSeconds`, 0-1 (0.8 for 80 %). */
	serviceLevel: number;
	answerWithinSeconds: number;
	/** Highest share of time agents may be busy, 0-1 (0.85 for 85 %). */
	maxOccupancy: number;
	/** Share of paid time agents are not available (breaks, training), 0-1. */
	shrinkage: number;
	/** Average time a caller waits before hanging up, in seconds: given, Erlang A is computed too. */
	patienceSeconds?: number;
}

export interface StaffingResult {
	/** Agents answering calls that the target needs. */
	agentsRequired: number;
	/** Agents to schedule once shrinkage is added. */
	agentsWithShrinkage: number;
	/** Service level those agents achieve, 0-1. */
	serviceLevel: number;
	/** Share of time they are busy, 0-1. */
	occupancy: number;
	/** Probability that a call waits at all with those agents (Erlang C), 0-1. */
	probabilityWait: number;
	/** Average speed of answer with those agents, in seconds: P(wait) x AHT / (agents - traffic). */
	averageSpeedOfAnswerSeconds: number;
}

/**
 * Beyond this traffic the interval is not one skill's (a corrupt AHT, or a sliver of an hour cut by
 * the range's edge): 10,000 Erlangs is 10,000 agents busy at once on one skill, more than the
 * largest contact centres staff. Not computed, which also bounds each row's work.
 */
export const MAX_TRAFFIC_ERLANGS = 10_000;

/**
 * Smallest whole number at or above `value`, reading `value` to 12 significant digits: 42 x 0.85 is
 * 35.699999999999996 in floating point, so 35.7 / 0.85 comes out as 42.00000000000001 and a plain
 * ceiling adds an agent. Inputs have far fewer digits than 12, so a quotient whole to 12 digits is whole.
 */
export function ceilExact(value: number): number {
	return Math.ceil(Number(value.toPrecision(12)));
}

/** Fewest agents that keep the share of time busy within the cap while carrying `busyErlangs`. */
export function occupancyFloor(busyErlangs: number, maxOccupancy: number): number {
	return ceilExact(busyErlangs / maxOccupancy);
}

/**
 * Offered traffic in Erlangs of `calls` over `intervalSeconds`, or undefined when it cannot be known:
 * no interval, a handle time of 0 with calls (unknown, not instant), or traffic over
 * MAX_TRAFFIC_ERLANGS.
 */
export function offeredTraffic(
	calls: number,
	ahtSeconds: number,
	intervalSeconds: number,
): number | undefined {
	if (!(intervalSeconds > 0) || !(calls >= 0) || !(ahtSeconds >= 0)) return undefined;
	if (calls > 0 && ahtSeconds === 0) return undefined;
	const traffic = (calls * ahtSeconds) / intervalSeconds;
	return traffic <= MAX_TRAFFIC_ERLANGS ? traffic : undefined;
}

/** 1 / blocking beyond which the blocking is below the smallest normal double (2^-1022). */
const LAST_INVERSE_BLOCKING = 2 ** 1022;

/**
 * Erlang B blocking of any number of agents serving `traffic` Erlangs, by the recurrence from 0
 * agents (on its inverse, 1/B(k) = 1 + k/traffic x 1/B(k-1), which has no division in the chain
 * of steps), kept as it grows so a search pays for each step once. Beyond the traffic the blocking
 * falls faster than geometrically: once it is below the smallest normal double it counts as 0 (no
 * staffing figure can show it, and steps through subnormal numbers are slow), so a cap that asks
 * for 100 agents per Erlang costs no more than the steps up to there.
 */
export function erlangBlocking(traffic: number): (agents: number) => number {
	let inverses = new Float64Array(64);
	inverses[0] = 1;
	let known = 0;
	let zeroFrom = Infinity;
	return (agents) => {
		if (agents >= zeroFrom) return 0;
		for (let inverse = inverses[known]; known < agents; ) {
			inverse = 1 + inverse * ((known + 1) / traffic);
			if (inverse > LAST_INVERSE_BLOCKING) {
				zeroFrom = known + 1;
				return 0;
			}
			if (++known === inverses.length) {
				const grown = new Float64Array(known * 2);
				grown.set(inverses);
				inverses = grown;
			}
			inverses[known] = inverse;
		}
		return 1 / inverses[agents];
	};
}

/** Erlang B blocking for `agents` serving `traffic` Erlangs. */
export function erlangB(agents: number, traffic: number): number {
	return erlangBlocking(traffic)(agents);
}

/** Erlang C (probability to wait) from the Erlang B blocking of the same agents (agents > traffic). */
function erlangCFromB(agents: number, traffic: number, blocking: number): number {
	return (agents * blocking) / (agents - traffic * (1 - blocking));
}

/** Probability that a call waits, for `agents` serving `traffic` Erlangs (agents > traffic). */
export function erlangC(agents: number, traffic: number): number {
	return erlangCFromB(agents, traffic, erlangB(agents, traffic));
}

function serviceLevelFromC(
	waitProbability: number,
	agents: number,
	traffic: number,
	ahtSeconds: number,
	seconds: number,
): number {
	return 1 - waitProbability * Math.exp((-(agents - traffic) * seconds) / ahtSeconds);
}

/** Share of calls answered within `seconds`. */
export function serviceLevel(
	agents: number,
	traffic: number,
	ahtSeconds: number,
	seconds: number,
): number {
	if (traffic <= 0) return 1;
	if (agents <= traffic) return 0;
	return serviceLevelFromC(erlangC(agents, traffic), agents, traffic, ahtSeconds, seconds);
}

/**
 * Smallest number of agents meeting the service level (which must be below 1) and the occupancy
 * cap, or undefined when the traffic cannot be known (see offeredTraffic).
 */
export function requiredAgents(
	calls: number,
	ahtSeconds: number,
	intervalSeconds: number,
	target: StaffingTarget,
): StaffingResult | undefined {
	const traffic = offeredTraffic(calls, ahtSeconds, intervalSeconds);
	if (traffic === undefined) return undefined;
	return requiredAgentsForTraffic(traffic, ahtSeconds, target, erlangBlocking(traffic));
}

/** requiredAgents of known `traffic`, reading blockings from `blocking` (see erlangBlocking). */
export function requiredAgentsForTraffic(
	traffic: number,
	ahtSeconds: number,
	target: StaffingTarget,
	blocking: (agents: number) => number,
): StaffingResult {
	if (traffic === 0) {
		return {
			agentsRequired: 0,
			agentsWithShrinkage: 0,
			serviceLevel: 1,
			occupancy: 0,
			probabilityWait: 0,
			averageSpeedOfAnswerSeconds: 0,
		};
	}
	// The search starts at the stable floor (more agents than traffic) or the occupancy cap's floor;
	// the service level rises with each agent, so the first that meets the target is the answer.
	let agents = Math.max(1, occupancyFloor(traffic, target.maxOccupancy), Math.floor(traffic) + 1);
	let waitProbability: number;
	let achieved: number;
	for (; ; agents++) {
		waitProbability = erlangCFromB(agents, traffic, blocking(agents));
		achieved = serviceLevelFromC(
			waitProbability,
			agents,
			traffic,
			ahtSeconds,
			target.answerWithinSeconds,
		);
		if (achieved >= target.serviceLevel) break;
	}
	return {
		agentsRequired: agents,
		agentsWithShrinkage: ceilExact(agents / (1 - target.shrinkage)),
		serviceLevel: achieved,
		occupancy: traffic / agents,
		probabilityWait: waitProbability,
		averageSpeedOfAnswerSeconds: (waitProbability * ahtSeconds) / (agents - traffic),
	};
}
