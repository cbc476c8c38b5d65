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
 * largest contact centres staff. Not computed, which also bounds each row's work (about 10,000
 * steps of the recurrence, well under a millisecond).
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

/** Erlang B blocking for `agents` serving `traffic` Erlangs, by the recurrence from 0 agents. */
export function erlangB(agents: number, traffic: number): number {
	let blocking = 1;
	for (let k = 1; k <= agents; k++) blocking = (traffic * blocking) / (k + traffic * blocking);
	return blocking;
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
 * cap, or undefined when it cannot be known: no interval, a handle time of 0 with calls (unknown,
 * not instant), or traffic over MAX_TRAFFIC_ERLANGS.
 */
export function requiredAgents(
	calls: number,
	ahtSeconds: number,
	intervalSeconds: number,
	target: StaffingTarget,
): StaffingResult | undefined {
	if (!(intervalSeconds > 0) || !(calls >= 0) || !(ahtSeconds >= 0)) return undefined;
	if (calls > 0 && ahtSeconds === 0) return undefined;
	const traffic = (calls * ahtSeconds) / intervalSeconds;
	if (!(traffic <= MAX_TRAFFIC_ERLANGS)) return undefined;
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
	// The search starts at the traffic (or the occupancy cap's floor), never from one agent.
	let agents = Math.max(1, ceilExact(traffic / target.maxOccupancy));
	if (agents <= traffic) agents = Math.floor(traffic) + 1;
	let blocking = erlangB(agents, traffic);
	let waitProbability = erlangCFromB(agents, traffic, blocking);
	let achieved = serviceLevelFromC(
		waitProbability,
		agents,
		traffic,
		ahtSeconds,
		target.answerWithinSeconds,
	);
	while (achieved < target.serviceLevel) {
		agents++;
		blocking = (traffic * blocking) / (agents + traffic * blocking);
		waitProbability = erlangCFromB(agents, traffic, blocking);
		achieved = serviceLevelFromC(
			waitProbability,
			agents,
			traffic,
			ahtSeconds,
			target.answerWithinSeconds,
		);
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
